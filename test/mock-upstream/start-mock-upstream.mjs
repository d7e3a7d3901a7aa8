// The mock upstream server: bare node:http (it is the benchmark's "direct" baseline, so it must cost little),
// a record of every request, faults chosen per request, and a control API for tests in another process.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkAuth } from './check-auth.mjs';
import { createFaultQueue } from './create-fault-queue.mjs';
import { errorBody, errorFormatForPath } from './error-body.mjs';
import { findRoute } from './find-route.mjs';
import { handleControl } from './handle-control.mjs';
import { mergeFaults, normalizeFault, parseFaultHeader } from './normalize-fault.mjs';
import { parseDirectives } from './parse-directives.mjs';
import { EMPTY_VIEW } from './plan-reply.mjs';
import { readBody } from './read-body.mjs';
import { isRecord, MockRequestError } from './request-fields.mjs';
import { isClosed, sendJson } from './send-reply.mjs';

/**
 * @typedef {import('./find-route.mjs').RouteContext} RouteContext
 * @typedef {import('./normalize-fault.mjs').Fault} Fault
 * @typedef {import('./create-fault-queue.mjs').FaultMatch} FaultMatch
 * @typedef {{ method: string, path: string, headers: import('node:http').IncomingHttpHeaders, body: unknown, receivedAt: number }} RecordedRequest
 * @typedef {object} ServerState
 * @property {RecordedRequest[]} requests
 * @property {number} maxRecorded
 * @property {ReturnType<typeof createFaultQueue>} faults
 * @property {(prefix: string) => string} nextId
 * @property {() => number} sequence
 * @property {string} baseUrl
 * @property {AbortSignal} signal aborted on close, ending pending delays and trickles
 * @property {() => void} reset
 */

const NO_PARAMS = Object.freeze({});

/**
 * @param {{ port?: number, host?: string, maxRecorded?: number }} [options]
 *   maxRecorded: when the record grows past it, its oldest half is dropped (the benchmark sends millions of requests)
 */
export async function startMockUpstream({ port = 0, host = '127.0.0.1', maxRecorded = 10_000 } = {}) {
  /** @type {RecordedRequest[]} */
  const requests = [];
  const faults = createFaultQueue();
  const closing = new AbortController();
  let counter = 0;
  /** @type {ServerState} */
  const state = {
    requests,
    maxRecorded,
    faults,
    sequence: () => ++counter,
    nextId: (prefix) => `${prefix}mock${String(++counter).padStart(8, '0')}`,
    baseUrl: '',
    signal: closing.signal,
    reset() {
      requests.length = 0;
      faults.clear();
    },
  };
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error) => handleFailure(state, res, error));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const actualPort = isRecord(address) && typeof address.port === 'number' ? address.port : port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  state.baseUrl = `http://${urlHost}:${actualPort}`;
  return {
    url: state.baseUrl,
    port: actualPort,
    requests,
    /** @param {unknown} fault @param {FaultMatch} [match] */
    enqueueFault(fault, match) {
      faults.enqueue(normalizeFault(fault), match);
    },
    reset: state.reset,
    /** @returns {Promise<void>} */
    close() {
      closing.abort();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/**
 * @param {ServerState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handleRequest(state, req, res) {
  const path = req.url ?? '/';
  const mark = path.indexOf('?');
  const pathname = mark === -1 ? path : path.slice(0, mark);
  const body = await readBody(req);
  if (pathname.startsWith('/__mock/')) return handleControl({ state, req, res, pathname, body: body.value });
  record(state, {
    method: req.method ?? 'GET',
    path,
    headers: req.headers,
    body: body.recorded,
    receivedAt: Date.now(),
  });
  const found = findRoute(req.method, pathname);
  const format = found?.route.format ?? errorFormatForPath(pathname);
  /** @type {RouteContext} */
  const context = {
    req,
    res,
    path,
    pathname,
    query: mark === -1 ? '' : path.slice(mark + 1),
    params: found?.params ?? NO_PARAMS,
    body: body.value,
    raw: body.raw,
    view: EMPTY_VIEW,
    fault: undefined,
    parallel: false,
    nextId: state.nextId,
    sequence: state.sequence,
    baseUrl: state.baseUrl,
    signal: state.signal,
  };
  try {
    // A request the real API would refuse still goes through the faults: a queued fault is for "the next request".
    /** @type {unknown} */
    let refusal;
    try {
      if (body.invalidJson) throw new MockRequestError('request body is not valid JSON');
      if (found?.route.describe) context.view = found.route.describe(body.value, context);
    } catch (error) {
      if (!(error instanceof MockRequestError)) throw error;
      refusal = error;
    }
    const directives = parseDirectives(context.view.lastUserText);
    const headerFault = parseFaultHeader(req.headers['x-mock-fault']);
    const model =
      context.view.model ??
      (isRecord(body.value) && typeof body.value.model === 'string' ? body.value.model : undefined);
    const queued = state.faults.take({ pathname, path, model });
    context.fault = mergeFaults(directives.fault, queued, headerFault);
    context.parallel = directives.parallel;
    if (context.fault !== undefined && (await applyFault(state, context, format))) return;
    if (found === undefined) throw new MockRequestError(`Unknown route: ${req.method} ${pathname}`, 404);
    const failure = checkAuth({ kind: found.route.auth, headers: req.headers, query: context.query });
    if (failure !== undefined) return sendJson(context, failure.status, errorBody({ format, ...failure }));
    if (refusal !== undefined) throw refusal;
    await found.route.handle(context);
  } catch (error) {
    if (!(error instanceof MockRequestError) || res.headersSent) throw error;
    sendJson(
      { res, fault: undefined },
      error.status,
      errorBody({ format, status: error.status, message: error.message }),
    );
  }
}

/**
 * Applies the request's fault; true when it answered (or deliberately did not) in place of the route.
 * @param {ServerState} state
 * @param {RouteContext} context
 * @param {import('./error-body.mjs').ErrorFormat} format
 */
async function applyFault(state, context, format) {
  const { req, fault } = context;
  if (fault === undefined) return false;
  if (fault.delayMs !== undefined && fault.delayMs > 0) {
    await sleep(fault.delayMs, undefined, { signal: state.signal });
    if (req.socket.destroyed) return true;
  }
  if (fault.dropConnection) {
    req.socket.destroy();
    return true;
  }
  if (fault.hang) return true;
  if (fault.status === undefined && fault.body === undefined && fault.retryAfter === undefined) return false;
  const status = fault.status ?? (fault.retryAfter !== undefined ? 429 : 200);
  const body = fault.body !== undefined ? fault.body : status >= 400 ? errorBody({ format, status }) : {};
  sendJson(
    context,
    status,
    body,
    fault.retryAfter === undefined ? undefined : { 'retry-after': String(fault.retryAfter) },
  );
  return true;
}

/** @param {ServerState} state @param {RecordedRequest} entry */
function record(state, entry) {
  const { requests, maxRecorded } = state;
  requests.push(entry);
  // Trimming by halves keeps recording O(1) amortised on the benchmark's hot path.
  if (requests.length > maxRecorded) requests.splice(0, Math.max(1, maxRecorded >> 1));
}

/**
 * @param {ServerState} state
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 */
function handleFailure(state, res, error) {
  if (state.signal.aborted || isClosed(res)) return;
  console.error('mock upstream: unexpected error', error);
  if (res.headersSent) res.destroy();
  else sendJson({ res, fault: undefined }, 500, { error: { message: String(error), type: 'mock_upstream_error' } });
}
