import type { AlertMessage } from "./alert-message.js";

/** Business-hours-aware quiet rule: which severities wait for the calendar to open. */
export interface QuietRule {
  calendar: { isOpen(at: Date): boolean; nextOpen(at: Date): Date };
  /** Severities held outside business hours (pages are never held by default). */
  hold: ("page" | "ticket")[];
}

/**
 * When to deliver a message: now, or at the next opening for held severities outside business
 * hours. Recoveries of held alerts follow the same rule, so a night-time blip that heals before
 * morning can be dropped by the caller when both land at the same opening.
 */
export function deliveryTime(message: AlertMessage, now: Date, quiet?: QuietRule | null): Date {
  if (!quiet?.hold.includes(message.severity) || quiet.calendar.isOpen(now)) return now;
  return quiet.calendar.nextOpen(now);
}
