// Faults arrive from three places (the in-process API, the control API, the `x-mock-fault` header): one validator
// for all of them, so a typo in a test fails loudly instead of silently injecting nothing.
import { isRecord, MockRequestError } from './request-fields.mjs';

/**
 * @typedef {object} Fault
 * @property {number} [status]
 * @property {unknown} [body]
 * @property {Record<string, string>} [headers]
 * @property {number | string} [retryAfter]
 * @property {number} [delayMs]
 * @property {number} [cutAfterChunks]
 * @property {number} [trickleMs]
 * @property {boolean} [hang]
 * @property {boolean} [dropConnection]
 */

const NUMBER_FIELDS = ['delayMs', 'cutAfterChunks', 'trickleMs'];
const BOOLEAN_FIELDS = ['hang', 'dropConnection'];

/**
 * @param {unknown} value
 * @returns {Fault}
 */
export function normalizeFault(value) {
  if (!isRecord(value)) throw new MockRequestError('mock fault must be an object');
  /** @type {Record<string, unknown>} */
  const fault = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    if (key === 'body') fault.body = field;
    else if (key === 'status') {
      if (!Number.isInteger(field) || Number(field) < 100 || Number(field) > 599) fail(key, 'an HTTP status');
      fault.status = field;
    } else if (key === 'retryAfter') {
      if (typeof field !== 'number' && typeof field !== 'string') fail(key, 'a number or a string');
      fault.retryAfter = field;
    } else if (key === 'headers') {
      if (!isRecord(field) || !Object.values(field).every((header) => typeof header === 'string')) {
        fail(key, 'an object of strings');
      }
      fault.headers = field;
    } else if (NUMBER_FIELDS.includes(key)) {
      if (typeof field !== 'number' || !Number.isFinite(field) || field < 0) fail(key, 'a non-negative number');
      fault[key] = field;
    } else if (BOOLEAN_FIELDS.includes(key)) {
      if (typeof field !== 'boolean') fail(key, 'a boolean');
      fault[key] = field;
    } else throw new MockRequestError(`unknown mock fault field: ${key}`);
  }
  return fault;
}

/** @param {string} key @param {string} expected @returns {never} */
function fail(key, expected) {
  throw new MockRequestError(`mock fault field ${key} must be ${expected}`);
}

/**
 * The fault in an `x-mock-fault` header (JSON), if any.
 * @param {string | string[] | undefined} header
 * @returns {Fault | undefined}
 */
export function parseFaultHeader(header) {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined || text === '') return undefined;
  try {
    return normalizeFault(JSON.parse(text));
  } catch (error) {
    if (error instanceof MockRequestError) throw error;
    throw new MockRequestError('x-mock-fault header must hold a JSON fault');
  }
}

/**
 * Later sources win field by field: directives, then the queued fault, then the header.
 * @param {Array<Fault | undefined>} faults
 * @returns {Fault | undefined}
 */
export function mergeFaults(...faults) {
  /** @type {Fault | undefined} */
  let merged;
  for (const fault of faults) if (fault !== undefined) merged = merged === undefined ? fault : { ...merged, ...fault };
  return merged;
}
