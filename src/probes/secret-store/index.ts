export { loadSecretKey, parseSecretKey, SECRET_KEY_FILE, SecretBox } from "./secret-box.js";
export {
  checkSecretName,
  deleteSecret,
  listSecretNames,
  loadSecretValues,
  MAX_SECRET_VALUE_CHARS,
  putSecret,
  SECRET_NAME,
  type SecretInfo,
} from "./secret-repo.js";
