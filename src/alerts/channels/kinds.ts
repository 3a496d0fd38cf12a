/**
 * The alert channel kinds: the one list the channel registry, the store's CHECK constraint
 * (migration 0715) and the API schema derive from. A leaf module (no imports) so a migration can use it.
 */
export const CHANNEL_KINDS = ["webhook", "slack", "feishu", "dingtalk", "wecom", "email"] as const;
export type ChannelName = (typeof CHANNEL_KINDS)[number];
