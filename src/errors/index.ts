export { checkInputValue, MAX_INPUT_DEPTH, MAX_YAML_ALIASES, yamlToValue } from "./input-limits.js";
export {
  ConflictError,
  type ErrorCode,
  ForbiddenError,
  InputError,
  isTermsightError,
  NotFoundError,
  TermsightError,
  TooLargeError,
  UnauthorizedError,
} from "./termsight-error.js";
