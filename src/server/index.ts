export {
  addMembership,
  createUser,
  createWorkspace,
  type IssuedToken,
  issueApiToken,
} from "./auth/accounts.js";
export { ensureInstanceAdmin, isInstanceAdmin, requireInstanceAdmin } from "./auth/instance.js";
export { hashPassword, verifyPassword } from "./auth/password.js";
export { checkNewPassword } from "./auth/password-policy.js";
export { requireMember, requireUser, roleAtLeast } from "./auth/require-member.js";
export { issueSetupToken, setupLink, setupNeeded } from "./auth/setup-token.js";
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
export {
  type ContractInput,
  createContract,
  ensureReview,
  replaceContract,
  reviewLang,
  type StoreDocumentInput,
  type StoredDocument,
  storeDocument,
} from "./library/index.js";
export { type Page, PageQuery, paginate, toPage } from "./pagination.js";
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
