// Accounts, workspaces' memberships, api tokens, invitations and instance settings: the data and
// verbs behind sign-in, setup and administration (faces: src/server routes, the CLI, src/demo).
export {
  addMembership,
  createUser,
  createWorkspace,
  type IssuedToken,
  issueApiToken,
  normalizeEmail,
  revokeTokenTree,
  type UserRow,
} from "./accounts.js";
export {
  DEFAULT_INSTANCE_SETTINGS,
  ensureInstanceAdmin,
  InstanceSettings,
  isInstanceAdmin,
  readInstanceSettings,
  writeInstanceSettings,
} from "./instance-settings.js";
export {
  createInvitation,
  findPendingInvitation,
  INVITATION_DAYS,
  type IssuedInvitation,
  invitationLink,
} from "./invitations.js";
export { hashPassword, verifyPassword } from "./password.js";
export {
  checkNewPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  MIN_PASSWORD_SCORE,
} from "./password-policy.js";
export { hashSecret, newApiToken, randomSecret, SESSION_COOKIE } from "./secrets.js";
export { issueSetupToken, SETUP_TOKEN_KEY, setupLink, setupNeeded } from "./setup-token.js";
