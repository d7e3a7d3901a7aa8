// The load generator: a fixed number of requests over `concurrency` connections, each timed from sending the request
// to the last byte of the answer (a stream is read to its end, as a client does).
import { request } from 'undici';

/**
 * @typedef {object} LoadTarget
 * @property {import('./load-targets.mjs').WireFormat} format the client's wire format, which decides how an answer
 *   is checked
 * @property {string} url
 * @property {Record<string, string>} headers
 * @property {{ stream: string, json: string }} bodies the request body of each mode
 * @property {string} expectedText the answer's text, checked once before measuring (verify-target.mjs)
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
  const isWhole = WHOLE_ANSWER_CHECKS[target.format][stream ? 'stream' : 'json'];
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

// Cheap checks on every answer, by the client's wire format; the full content is checked once per target before the
// run (verify-target.mjs).
const WHOLE_ANSWER_CHECKS = {
  openai: {
    json: (/** @type {string} */ text) => text.startsWith('{') && text.includes('"choices"'),
    stream: (/** @type {string} */ text) => text.trimEnd().endsWith('data: [DONE]'),
  },
  anthropic: {
    json: (/** @type {string} */ text) => text.startsWith('{') && text.includes('"type":"message"'),
    stream: (/** @type {string} */ text) => text.trimEnd().endsWith('{"type":"message_stop"}'),
  },
};
