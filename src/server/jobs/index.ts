// Background work `termsight serve` runs beside the API.
export { type BackgroundJobs, type BackgroundJobsOptions, startBackgroundJobs } from "./background-jobs.js";
export { serverProbeAllowlist } from "./probe-allowlist.js";
export { createSampleSink, type SampleSink } from "./sample-sink.js";
export { loadServerProbeSet, type ServerProbeSet } from "./server-probe-set.js";
export {
  DEFAULT_SERVER_REGION,
  type ServerProbes,
  type ServerProbesOptions,
  type ServerProbesStats,
  startServerProbes,
} from "./server-probes.js";
