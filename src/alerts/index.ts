export { alertAllowlist } from "./alert-allowlist.js";
export { AlertEvent, type AlertEventInput, type AlertWording } from "./alert-event.js";
export { type AlertMessage, messageAsMarkdown, messageAsText } from "./alert-message.js";
export {
  type AlertRoundOptions,
  type AlertRoundSummary,
  alertRules,
  createAlertJob,
  runAlertRound,
} from "./alert-round.js";
export { type AlertState, type AlertStep, stepAlert } from "./alert-state.js";
export { announceReport, type ReportNotice } from "./announce-report.js";
export {
  type BurnEvaluation,
  BurnRule,
  defaultBurnRules,
  evaluateBurnRate,
  type Outcome,
  type RuleEvaluation,
  type WindowBurn,
} from "./burn-rate.js";
export { buildBurnRateMessage } from "./burn-rate-message.js";
export { parseChannelConfig } from "./channel-config.js";
export {
  type AlertDeps,
  AlertSettingsInput,
  ChannelInput,
  ChannelPatch,
  type ChannelTestResult,
  type ChannelView,
  createAlertChannel,
  deleteAlertChannel,
  getAlertSettings,
  listAlertChannels,
  ProbeAlertPolicyInput,
  putAlertSettings,
  putProbeAlertPolicy,
  testAlertChannel,
  updateAlertChannel,
} from "./channel-verbs.js";
export {
  type AlertChannel,
  alertChannels,
  type ChannelName,
  type Delivery,
  DingTalkConfig,
  EmailConfig,
  FeishuConfig,
  SlackConfig,
  signDingTalk,
  signFeishu,
  signWebhook,
  WebhookConfig,
  WeComConfig,
} from "./channels/index.js";
export { CHANNEL_KINDS } from "./channels/kinds.js";
export {
  AlertChannelsFile,
  applyAlertChannelsFile,
  exportAlertChannelsFile,
  SECRET_MISSING,
} from "./channels-file.js";
export { type ContractAlertCheck, checkContractAlerts } from "./check-contract-alerts.js";
export { type DeliverSummary, deliverDue, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./deliveries.js";
export { type AlertView, listAlerts } from "./list-alerts.js";
export {
  type ErrorPhase,
  errorPhase,
  getProbeStatus,
  type HeartbeatBucket,
  type ProbeHealth,
  type ProbeStatus,
  probeStatus,
} from "./probe-status.js";
export { deliveryTime, type QuietRule } from "./quiet-hours.js";
export { type RaiseResult, raiseAlert } from "./raise-alert.js";
export type { AlertRule, RuleOutcome } from "./rules/rule.js";
export {
  buildDelivery,
  type ChannelTarget,
  type SendOptions,
  type SendResult,
  sendAlert,
} from "./send-alert.js";
export { loadAlertState, saveAlertState } from "./storage/alert-states.js";
