import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface WorkerFiles {
  /** The worker's entry (plain .mjs). */
  bootstrap: string;
  /** The task module it loads: `.js` beside it in dist/, `.ts` in src/. */
  tasksUrl: string;
}

/**
 * The worker files for a pool module at `moduleUrl`: in dist/ the build copies the .mjs beside the
 * compiled .js; in src/ (vitest, tsx) the module itself is a .ts file and the .mjs sits beside it.
 */
export function workerFiles(moduleUrl: string, exists: (path: string) => boolean = existsSync): WorkerFiles {
  const bootstrap = fileURLToPath(new URL("./sandbox-worker.mjs", moduleUrl));
  if (!exists(bootstrap)) throw new Error(`sandbox worker missing: ${bootstrap} (run npm run build)`);
  const ext = moduleUrl.endsWith(".ts") ? ".ts" : ".js";
  return { bootstrap, tasksUrl: new URL(`./sandbox-tasks${ext}`, moduleUrl).href };
}
