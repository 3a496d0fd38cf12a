// Account data lives in src/accounts; re-exported for the faces that start a server (CLI serve, import).
export {
  addMembership,
  checkNewPassword,
  createUser,
  createWorkspace,
  ensureInstanceAdmin,
  hashPassword,
  type IssuedToken,
  isInstanceAdmin,
  issueApiToken,
  issueSetupToken,
  setupLink,
  setupNeeded,
  verifyPassword,
} from "../accounts/index.js";
export { requireMember, requireUser, roleAtLeast } from "./auth/require-member.js";
export { type BuildServerOptions, buildServer, DEFAULT_MAX_UPLOAD_BYTES } from "./build-server.js";
export { expectedVersion, setVersionTag } from "./concurrency.js";
export {
  type BackgroundJobs,
  type BackgroundJobsOptions,
  DEFAULT_SERVER_REGION,
  type ServerProbes,
  type ServerProbesStats,
  serverProbeAllowlist,
  startBackgroundJobs,
  startServerProbes,
} from "./jobs/index.js";
export type { Principal, Role } from "./principal.js";
export { type Problem, problemOf } from "./problem.js";
export {
  docs,
  parseBody,
  parseInput,
  parseParams,
  parseQuery,
  type RouteDoc,
  WorkspaceItemParams,
  WorkspaceParams,
} from "./validation.js";
