import type { AvailabilityTables } from "./tables/availability.js";
import type { ContractVersionTables } from "./tables/contract-versions.js";
import type { CoreTables } from "./tables/core.js";
import type { ProbeTables } from "./tables/probes.js";
import type { ReportTables } from "./tables/reports.js";
import type { SecretTables } from "./tables/secrets.js";
import type { TicketTables } from "./tables/tickets.js";
import type { WatchTables } from "./tables/watch.js";

/** Every table of the store: one interface per file in `tables/`, merged here. */
export interface Database
  extends CoreTables,
    TicketTables,
    ProbeTables,
    AvailabilityTables,
    SecretTables,
    WatchTables,
    ReportTables,
    ContractVersionTables {}
