// Accounts, workspaces' memberships, api tokens, invitations and instance settings: the data and
// verbs behind sign-in, setup and administration (faces: src/server routes, the CLI, src/demo).

export {
  accountVerbs,
  LoginBody,
  logout,
  logoutEverywhere,
  PasswordChange,
  type PasswordGuard,
  PasswordReset,
  requireSession,
  resetPassword,
  whoAmI,
} from "./account-verbs.js";
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
  getInstanceSettings,
  issuePasswordReset,
  listUsers,
  putInstanceSettings,
  RESET_TOKEN_HOURS,
  requireInstanceAdmin,
  setInstanceRole,
  UserPatch,
  type UserView,
} from "./admin-verbs.js";
export { exportInstance, importInstance } from "./instance-archive-verbs.js";
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
export { createSession, endSessions, type NewSession } from "./session-store.js";
export { issueSetupToken, SETUP_TOKEN_KEY, setupLink, setupNeeded } from "./setup-token.js";
export { checkSetupToken, completeSetup, SetupBody, setupStatus } from "./setup-verbs.js";
