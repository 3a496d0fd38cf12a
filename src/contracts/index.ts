// Signed contracts of a workspace (terms YAML with an SLA policy): saving, replacing and the verbs.
export {
  addContract,
  ContractBody,
  ContractYamlQuery,
  deleteContract,
  getContract,
  listContracts,
  updateContract,
} from "./contract-verbs.js";
export {
  ContractVersionParams,
  type ContractVersionView,
  getContractVersion,
  listContractVersions,
} from "./contract-versions.js";
export { CONTRACT_COLUMNS, type ContractInput, createContract, replaceContract } from "./save-contract.js";
