// Vendors of a workspace and their products: the verbs every face (HTTP, CLI, demo) calls.
export {
  createVendor,
  deleteVendor,
  getVendor,
  listVendors,
  updateVendor,
  VendorCreate,
  type VendorDetail,
  VendorPatch,
  type VendorView,
} from "./vendor-verbs.js";
