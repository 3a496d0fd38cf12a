// The worker thread of the sandbox pool (plain JavaScript so it runs without a loader): loads the
// task module, compiled JavaScript in dist/, TypeScript in src/ (vitest, tsx) through tsx's loader.
import { workerData } from "node:worker_threads";

const { tasksUrl } = workerData;
if (tasksUrl.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
const { runTask } = await import(tasksUrl);

export default runTask;
