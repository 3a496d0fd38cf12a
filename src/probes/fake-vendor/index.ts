export {
  type FakeVendor,
  type FakeVendorOptions,
  type FakeVendorStats,
  fakeVendorCertificate,
  startFakeVendor,
} from "./fake-vendor.js";
export { type Faults, seededRandom } from "./faults.js";
