/**
 * The latency door: latency commitments of the terms (`latency:`; schema in src/terms) judged per
 * period and per probe region against probe timings (`evaluateLatency`, pure), and the store-backed
 * verb `contractLatency` behind `GET …/contracts/:id/latency`.
 */
export {
  evaluateLatency,
  type LatencyBreachSample,
  type LatencyRegionResult,
  type LatencyReport,
  type LatencySample,
  type LatencyTargetResult,
  percentile,
} from "./evaluate-latency.js";
export {
  type ContractLatencyInput,
  contractLatency,
  latencyValues,
  loadLatencySamples,
} from "./storage/contract-latency.js";
