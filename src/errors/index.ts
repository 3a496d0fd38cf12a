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
