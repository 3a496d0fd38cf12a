export { type AlertMessage, messageAsMarkdown, messageAsText } from "./alert-message.js";
export { type AlertState, type AlertStep, stepAlert } from "./alert-state.js";
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
export { type ContractAlertCheck, checkContractAlerts } from "./check-contract-alerts.js";
export { deliveryTime, type QuietRule } from "./quiet-hours.js";
export {
  buildDelivery,
  type ChannelTarget,
  type SendOptions,
  type SendResult,
  sendAlert,
} from "./send-alert.js";
export { loadAlertState, saveAlertState } from "./storage/alert-states.js";
