// `[[mock:...]]` directives in the last user text let end-to-end tests through the gateway choose a fault per request.
import { normalizeFault } from './normalize-fault.mjs';

/**
 * @typedef {import('./normalize-fault.mjs').Fault} Fault
 * @typedef {{ fault: Fault | undefined, parallel: boolean }} Directives
 */

const DIRECTIVE = /\[\[mock:([a-z-]+)(?:=([^\]]*))?\]\]/g;
/** @type {Directives} */
const NONE = Object.freeze({ fault: undefined, parallel: false });

/**
 * Throws a MockRequestError for a malformed value (`[[mock:status=abc]]`).
 * `cached=N` is not handled here: it may appear anywhere in the prompt and is read while counting prompt text.
 * @param {string} text
 * @returns {Directives}
 */
export function parseDirectives(text) {
  if (!text.includes('[[mock:')) return NONE;
  /** @type {Fault} */
  const fault = {};
  let parallel = false;
  for (const [, name, value = ''] of text.matchAll(DIRECTIVE)) {
    const number = Number(value);
    switch (name) {
      case 'status':
        fault.status = number;
        break;
      case 'retry-after':
        fault.retryAfter = value !== '' && Number.isFinite(number) ? number : value;
        break;
      case 'delay':
        fault.delayMs = number;
        break;
      case 'cut':
        fault.cutAfterChunks = number;
        break;
      case 'trickle':
        fault.trickleMs = number;
        break;
      case 'hang':
        fault.hang = true;
        break;
      case 'drop':
        fault.dropConnection = true;
        break;
      case 'parallel':
        parallel = true;
        break;
      default:
        break;
    }
  }
  return { fault: Object.keys(fault).length > 0 ? normalizeFault(fault) : undefined, parallel };
}
