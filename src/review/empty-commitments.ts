import type { Commitments } from "../terms/index.js";

/** Commitments of a document that commits to nothing: every field null or empty. */
export function emptyCommitments(): Commitments {
  return {
    availability: null,
    credits: null,
    support: null,
    rca: null,
    maintenance: null,
    upgrades: null,
    data_exit: null,
    exclusions: [],
    scenario: {
      peak_capacity: null,
      emergency_scaling: null,
      escalation_channel: null,
      connect_time_ms: null,
      monitoring_alerts: null,
      proactive_alerts: null,
      av_sync: null,
      weak_network_tools: null,
      troubleshooting_guides: null,
      global_nodes: null,
      local_teams: null,
      timezone_coverage: null,
    },
    practice: { incident_cases: null, test_environment: null, service_review: null },
  };
}
