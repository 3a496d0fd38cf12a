/** Shapes of the watch API answers the pages read (src/watch verbs, as JSON). */

export type WatchState = "pending" | "ok" | "broken" | "unreachable";

export type Extract =
  | { keep: string[]; remove?: string[] }
  | { whole: "pdf" | "docx" | "html" | "txt" | "md" };

export interface WatchDeclaration {
  vendor_id: string;
  name: string;
  url: string;
  extract: Extract;
  schedule: { every_hours: number; jitter_minutes: number };
  contract_id: string | null;
}

export interface Watch {
  id: string;
  vendor_id: string;
  name: string;
  declaration: WatchDeclaration;
  state: WatchState;
  broken_reason: string | null;
  last_fetched_at: string | null;
  next_due_at: string;
  last_document_id: string | null;
}

export interface FetchResult {
  outcome: "ok" | "not_modified" | "broken" | "unreachable" | "changed" | "unchanged";
  status?: number | null;
  reason: string | null;
  chars?: number | null;
  changed?: boolean | null;
  text_preview?: string | null;
}

export interface Evidence {
  text: string;
  line: number;
}

export interface CommitmentChange {
  id: string;
  topic: string;
  direction: "weakened" | "strengthened" | "changed";
  summary: string;
  before_evidence: Evidence[];
  after_evidence: Evidence[];
}

export interface WatchVersion {
  id: string;
  document_id: string;
  previous_document_id: string | null;
  created_at: string;
  changes: CommitmentChange[] | null;
  contract_changes: CommitmentChange[] | null;
  text_diff: { added_lines: number; removed_lines: number; unified: string } | null;
}

export interface VendorFinding {
  id: string;
  severity: string;
  title: string;
  detail: string | null;
  created_at: string;
}

export interface StatusSource {
  id: string;
  vendor_id: string;
  kind: "statuspage" | "feed" | string;
  url: string;
  component_map: Record<string, string[]>;
  state: "pending" | "ok" | "unreadable" | string;
  error: string | null;
  last_polled_at: string | null;
  components: string[];
}

export interface StatusRecord {
  id: string;
  source_id: string;
  vendor_id: string;
  kind: "incident" | "maintenance";
  title: string;
  body: string | null;
  status: string | null;
  components: string[];
  services: string[];
  started_at: string | null;
  resolved_at: string | null;
  scheduled_for: string | null;
  scheduled_until: string | null;
  first_seen_at: string;
}

export interface DeclaredVsMeasured {
  incidents: {
    incidentId: string | null;
    outageIds: string[];
    overlapMinutes: number;
    disagreeMinutes: number;
    firstSeenBy: "probes" | "vendor" | "same" | null;
    leadMinutes: number | null;
  }[];
  maintenance: {
    recordId: string;
    noticeHours: number | null;
    committedNoticeHours: number | null;
    enough: boolean | null;
    windowMinutes: number | null;
  }[];
  unreadable_sources: string[];
}

export interface ContractDeadlines {
  contract_id: string;
  timezone: string;
  term: { start: string | null; end: string | null };
  deadlines: {
    kind: "term_end" | "renewal_notice" | "renewal" | "price_change_notice" | "data_export";
    date: string | null;
    rule: string;
    days_left: number | null;
    unknown_reason: string | null;
  }[];
}
