// Queued faults apply to the next matching request only, first in first out.

/**
 * @typedef {import('./normalize-fault.mjs').Fault} Fault
 * @typedef {{ path?: string | RegExp, model?: string }} FaultMatch
 *   `path` as a string must equal the path without its query; as a RegExp it is tested against the path with query.
 */

export function createFaultQueue() {
  /** @type {Array<{ fault: Fault, match: FaultMatch }>} */
  const entries = [];
  return {
    /** @param {Fault} fault @param {FaultMatch} [match] */
    enqueue(fault, match = {}) {
      entries.push({ fault, match });
    },
    /**
     * Removes and returns the first fault matching this request.
     * @param {{ pathname: string, path: string, model: string | undefined }} request
     * @returns {Fault | undefined}
     */
    take({ pathname, path, model }) {
      if (entries.length === 0) return undefined;
      const index = entries.findIndex(({ match }) => matches(match, pathname, path, model));
      if (index === -1) return undefined;
      const [entry] = entries.splice(index, 1);
      return entry?.fault;
    },
    clear() {
      entries.length = 0;
    },
  };
}

/** @param {FaultMatch} match @param {string} pathname @param {string} path @param {string | undefined} model */
function matches(match, pathname, path, model) {
  if (match.model !== undefined && match.model !== model) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === pathname;
  match.path.lastIndex = 0;
  return match.path.test(path);
}
