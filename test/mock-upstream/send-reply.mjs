// Writing answers, with the stream faults (cut, trickle) applied at the frame level.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {import('./normalize-fault.mjs').Fault} Fault
 * @typedef {{ res: import('node:http').ServerResponse, fault: Fault | undefined, signal?: AbortSignal }} ReplyTarget
 */

export const JSON_TYPE = 'application/json';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';
export const NDJSON_TYPE = 'application/x-ndjson';

/** @param {unknown} data */
export function sseData(data) {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** @param {string} event @param {unknown} data */
export function sseEvent(event, data) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * @param {ReplyTarget} target
 * @param {number} status
 * @param {unknown} body a string is sent as is
 * @param {Record<string, string>} [headers]
 */
export function sendJson(target, status, body, headers) {
  sendText(target, status, typeof body === 'string' ? body : JSON.stringify(body), JSON_TYPE, headers);
}

/**
 * A whole body; a cut fault sends the headers and half of it, then destroys the socket.
 * @param {ReplyTarget} target
 * @param {number} status
 * @param {string | Buffer} body
 * @param {string} contentType
 * @param {Record<string, string>} [headers]
 */
export function sendText({ res, fault }, status, body, contentType, headers) {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(status, { 'content-type': contentType, 'content-length': length, ...headers, ...fault?.headers });
  if (fault?.cutAfterChunks === undefined) res.end(body);
  else
    writeThenDestroy(res, typeof body === 'string' ? body.slice(0, body.length >> 1) : body.subarray(0, length >> 1));
}

/**
 * A stream of frames (SSE events, NDJSON lines). Without faults it is written in one go: the frames are tiny and
 * the benchmark needs the mock to be cheap; `trickleMs` writes them one by one, `cutAfterChunks` destroys the socket
 * after that many frames (when the stream has more).
 * @param {ReplyTarget} target
 * @param {string[]} frames
 * @param {string} contentType
 */
export async function streamFrames({ res, fault, signal }, frames, contentType) {
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', ...fault?.headers });
  const cut = fault?.cutAfterChunks !== undefined && fault.cutAfterChunks < frames.length ? fault.cutAfterChunks : -1;
  const count = cut === -1 ? frames.length : cut;
  const trickle = fault?.trickleMs;
  if (trickle === undefined) {
    if (cut === -1) res.end(frames.join(''));
    else writeThenDestroy(res, frames.slice(0, count).join(''));
    return;
  }
  for (let index = 0; index < count; index++) {
    if (index > 0) await sleep(trickle, undefined, { signal });
    if (isClosed(res)) return;
    res.write(/** @type {string} */ (frames[index]));
  }
  if (cut === -1) res.end();
  else writeThenDestroy(res, '');
}

/**
 * Destroys the socket once `data` reached it, so the client sees the partial body and then a broken connection
 * (no chunked terminator, or fewer bytes than content-length).
 * @param {import('node:http').ServerResponse} res
 * @param {string | Buffer} data
 */
function writeThenDestroy(res, data) {
  if (data.length > 0) res.write(data);
  else res.flushHeaders();
  const socket = res.socket;
  if (socket === null) return;
  socket.write('', () => socket.destroy());
}

/** @param {import('node:http').ServerResponse} res */
export function isClosed(res) {
  return res.destroyed || res.socket === null || res.socket.destroyed;
}
