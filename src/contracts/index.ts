// Signed contracts of a workspace (terms YAML with an SLA policy): saving, replacing and the verbs.
export { CONTRACT_COLUMNS, type ContractInput, createContract, replaceContract } from "./save-contract.js";
