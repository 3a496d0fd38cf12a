import type { AlertChannel, ChannelName } from "./channel.js";
import { dingtalk } from "./dingtalk.js";
import { email } from "./email.js";
import { feishu } from "./feishu.js";
import { slack } from "./slack.js";
import { webhook } from "./webhook.js";
import { wecom } from "./wecom.js";

export type { AlertChannel, ChannelName, Delivery, EmailDelivery, HttpDelivery } from "./channel.js";
export { DingTalkConfig, signDingTalk } from "./dingtalk.js";
export { EmailConfig } from "./email.js";
export { FeishuConfig, signFeishu } from "./feishu.js";
export { SlackConfig } from "./slack.js";
export { signWebhook, WebhookConfig } from "./webhook.js";
export { truncateUtf8, WeComConfig } from "./wecom.js";

// biome-ignore lint/suspicious/noExplicitAny: each channel has its own config type
type AnyChannel = AlertChannel<any>;

/** The single place an alert channel is added. */
export const alertChannels = { webhook, slack, feishu, dingtalk, wecom, email } satisfies Record<
  ChannelName,
  AnyChannel
>;
