// The load generator: a fixed number of requests over `concurrency` connections, each timed from sending the request
// to the last byte of the answer (a stream is read to its end, as a client does).
import { request } from 'undici';

/**
 * @typedef {object} LoadTarget
 * @property {string} url
 * @property {Record<string, string>} headers
 * @property {{ stream: string, json: string }} bodies the request body of each mode
 *
 * @typedef {object} LoadResult
 * @property {Float64Array} latenciesMs one per completed request
 * @property {number} completed
 * @property {number} failed non-200 status, a transport error, or an answer that is not whole
 * @property {number} elapsedMs wall time of the whole run
 * @property {string | undefined} firstError
 */

/**
 * @param {{ target: LoadTarget, stream: boolean, concurrency: number, requests: number, dispatcher: import('undici').Dispatcher }} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad({ target, stream, concurrency, requests, dispatcher }) {
  const { url, headers } = target;
  const body = stream ? target.bodies.stream : target.bodies.json;
  const isWhole = stream ? isWholeStream : isWholeJson;
  const latenciesMs = new Float64Array(requests);
  let issued = 0;
  let completed = 0;
  let failed = 0;
  /** @type {string | undefined} */
  let firstError;

  const worker = async () => {
    while (issued < requests) {
      issued++;
      const start = process.hrtime.bigint();
      try {
        const response = await request(url, { method: 'POST', headers, body, dispatcher });
        const text = await response.body.text();
        if (response.statusCode !== 200 || !isWhole(text)) {
          throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
        }
        latenciesMs[completed++] = Number(process.hrtime.bigint() - start) / 1e6;
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { latenciesMs: latenciesMs.subarray(0, completed), completed, failed, elapsedMs, firstError };
}

// Cheap checks on every answer; the full content is checked once per target before the run (verify-target.mjs).
/** @param {string} text */
function isWholeJson(text) {
  return text.startsWith('{') && text.includes('"choices"');
}

/** @param {string} text */
function isWholeStream(text) {
  return text.trimEnd().endsWith('data: [DONE]');
}
