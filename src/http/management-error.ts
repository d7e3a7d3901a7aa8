import type { GatewayError } from '../core/errors.js';

/** Management API errors: `{error: {message, code, param?}}`, the same envelope the dashboard reads everywhere. */
export function renderManagementError(error: GatewayError): unknown {
  return {
    error: { message: error.message, code: error.code, ...(error.param === undefined ? {} : { param: error.param }) },
  };
}
