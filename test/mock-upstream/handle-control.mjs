// The control API under /__mock/, for tests that run the gateway in another process.
import { normalizeFault } from './normalize-fault.mjs';
import { TINY_PNG } from './openai-media-routes.mjs';
import { isRecord, MockRequestError, requireObject } from './request-fields.mjs';
import { sendJson, sendText } from './send-reply.mjs';

/**
 * @typedef {import('./create-fault-queue.mjs').FaultMatch} FaultMatch
 */

/**
 * @param {{
 *   state: import('./start-mock-upstream.mjs').ServerState,
 *   req: import('node:http').IncomingMessage,
 *   res: import('node:http').ServerResponse,
 *   pathname: string,
 *   body: unknown,
 * }} options
 */
export function handleControl({ state, req, res, pathname, body }) {
  const target = { res, fault: undefined };
  try {
    switch (`${req.method} ${pathname}`) {
      case 'POST /__mock/faults': {
        const request = requireObject(body);
        state.faults.enqueue(normalizeFault(request.fault), controlMatch(request.match));
        return sendJson(target, 200, { queued: true });
      }
      case 'GET /__mock/requests':
        return sendJson(target, 200, state.requests);
      case 'POST /__mock/reset':
        state.reset();
        res.writeHead(204).end();
        return;
      case 'GET /__mock/image.png':
        return sendText(target, 200, TINY_PNG, 'image/png');
      default:
        throw new MockRequestError(`unknown control route: ${req.method} ${pathname}`, 404);
    }
  } catch (error) {
    if (!(error instanceof MockRequestError)) throw error;
    sendJson(target, error.status, { error: error.message });
  }
}

/**
 * Over HTTP a path match is the source of a regular expression.
 * @param {unknown} match
 * @returns {FaultMatch}
 */
function controlMatch(match) {
  if (match === undefined || match === null) return {};
  if (!isRecord(match)) throw new MockRequestError('match must be an object');
  /** @type {FaultMatch} */
  const result = {};
  if (typeof match.model === 'string') result.model = match.model;
  if (typeof match.path === 'string') {
    try {
      result.path = new RegExp(match.path);
    } catch {
      throw new MockRequestError(`match.path is not a valid regular expression: ${match.path}`);
    }
  }
  return result;
}
