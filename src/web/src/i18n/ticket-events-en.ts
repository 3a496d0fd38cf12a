/** Ticket event refusals (server code tickets.event_not_allowed). */
export const ticketEventsEn = {
  "problem.tickets.event_not_allowed":
    "The ticket's state does not allow this event (a solved ticket takes a customer reply, reopened or closed; a closed one takes none).",
} as const;
