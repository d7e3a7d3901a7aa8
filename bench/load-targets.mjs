// What the load generator sends: the same short prompt to every target, in the client's wire format (OpenAI Chat
// Completions or Anthropic Messages), and the text the mock upstream answers with in the upstream's format.

// About 200 characters, like a short chat turn; the mock echoes it back, so it also sizes the answer.
const PROMPT =
  'Summarize in one sentence why a self-hosted AI gateway should add as little latency as possible to each ' +
  'request, given that clients stream tokens and users notice every extra millisecond of delay.';

/**
 * @typedef {'openai' | 'anthropic'} WireFormat
 * @typedef {{ url: string, model: string, apiKey: string, upstream: WireFormat, temperature?: number }} TargetOptions
 *   `url` is the server's base URL; `upstream` is the format the mock answers in, which decides the answer's text;
 *   `temperature: 0` makes the request cacheable by the gateway's response cache
 */

/** An OpenAI client: `POST /v1/chat/completions` with a bearer key. @param {TargetOptions} options @returns {import('./run-load.mjs').LoadTarget} */
export function openAiClientTarget({ url, model, apiKey, upstream, temperature }) {
  const body = (/** @type {boolean} */ stream) =>
    JSON.stringify({ model, messages: [{ role: 'user', content: PROMPT }], stream, temperature });
  return {
    format: 'openai',
    url: `${url}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    bodies: { json: body(false), stream: body(true) },
    expectedText: expectedText(upstream),
  };
}

/** An Anthropic client: `POST /v1/messages` with `x-api-key`. @param {TargetOptions} options @returns {import('./run-load.mjs').LoadTarget} */
export function anthropicClientTarget({ url, model, apiKey, upstream }) {
  const body = (/** @type {boolean} */ stream) =>
    JSON.stringify({ model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream });
  return {
    format: 'anthropic',
    url: `${url}/v1/messages`,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
    bodies: { json: body(false), stream: body(true) },
    expectedText: expectedText(upstream),
  };
}

/** The mock's answer text (test/mock-upstream/README.md, "What it answers"). @param {WireFormat} upstream */
function expectedText(upstream) {
  return `Mock ${upstream} reply to: ${PROMPT}`;
}
