// The fake vendor lives in src/probes/fake-vendor (so src tests type-check under rootDir "src");
// this path re-exports it for tests and demos outside src.
export {
  type FakeVendor,
  type FakeVendorOptions,
  type FakeVendorStats,
  type Faults,
  fakeVendorCertificate,
  seededRandom,
  startFakeVendor,
} from "../../src/probes/index.js";
