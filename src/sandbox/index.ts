export * from "./limits.js";
export {
  holdSharedSandbox,
  Sandbox,
  SandboxBusyError,
  type SandboxOptions,
  sharedSandbox,
} from "./sandbox-pool.js";
export { workerFiles } from "./worker-files.js";
