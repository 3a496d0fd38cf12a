import type { ticketEventsEn } from "./ticket-events-en";

/** 工单事件被拒（服务器代码 tickets.event_not_allowed）。 */
export const ticketEventsZh: Record<keyof typeof ticketEventsEn, string> = {
  "problem.tickets.event_not_allowed":
    "工单当前状态不接受此事件（已解决的工单只接受客户回复、重新打开或关闭；已关闭的工单不再接受事件）。",
};
