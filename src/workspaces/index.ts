// A workspace and who is in it: the workspace, members, invitations, API tokens, secrets and
// the audit log, as verbs (`({ ctx, input })`) that every face calls.
export { AuditQuery, type AuditRowView, listAudit } from "./audit-verbs.js";
export {
  acceptInvitation,
  InvitationAccept,
  type InvitationView,
  listInvitations,
  revokeInvitation,
  showInvitation,
} from "./invitation-verbs.js";
export {
  changeMemberRole,
  inviteMember,
  listMembers,
  MemberCreate,
  MemberPatch,
  type MemberView,
  removeMember,
} from "./member-verbs.js";
export { type SecretInfoView, SecretPut, secretVerbs } from "./secret-verbs.js";
export {
  createToken,
  listTokens,
  requireWriteScope,
  revokeToken,
  TokenCreate,
  type TokenView,
} from "./token-verbs.js";
export {
  CALENDAR_PRESETS,
  type CalendarPreset,
  checkTimeZone,
  isTimeZoneName,
  presetCalendar,
  readWorkspaceSettings,
  shortLang,
  WORKSPACE_LANGUAGES,
  type WorkspaceLanguage,
  type WorkspaceSettings,
  WorkspaceSettingsPatch,
} from "./workspace-settings.js";
export {
  addWorkspace,
  getWorkspace,
  listWorkspaces,
  requireWorkspaceCreator,
  updateWorkspace,
  WorkspaceCreate,
  WorkspacePatch,
  type WorkspaceView,
} from "./workspace-verbs.js";
