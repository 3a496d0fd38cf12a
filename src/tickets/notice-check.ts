export interface NoticeCheck {
  /** Hours between the notice and the start of the maintenance window. */
  notice_hours_given: number;
  /** The contract's `maintenance.notice_hours`; null when the contract is silent. */
  notice_hours_committed: number | null;
  /** True when less notice was given than committed; null when nothing was committed. */
  late: boolean | null;
}

/** Compares the notice given for a maintenance window with the committed notice period. */
export function checkMaintenanceNotice(input: {
  noticeAt: string;
  windowStart: string;
  committedHours: number | null;
}): NoticeCheck {
  const given = (Date.parse(input.windowStart) - Date.parse(input.noticeAt)) / 3_600_000;
  const rounded = Math.round(given * 100) / 100;
  return {
    notice_hours_given: rounded,
    notice_hours_committed: input.committedHours,
    late: input.committedHours == null ? null : given < input.committedHours,
  };
}
