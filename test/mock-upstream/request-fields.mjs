// Small readers for untyped JSON request bodies. The mock validates only what it needs to answer,
// like the real APIs' 400s for a missing `model` or `messages`, and tolerates everything else.

/** A request the mock refuses with a 400 in the caller's format. */
export class MockRequestError extends Error {
  /** @param {string} message @param {number} [status] */
  constructor(message, status = 400) {
    super(message);
    this.name = 'MockRequestError';
    this.status = status;
  }
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
export function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} body @returns {Record<string, unknown>} */
export function requireObject(body) {
  if (!isRecord(body)) throw new MockRequestError('request body must be a JSON object');
  return body;
}

/** @param {Record<string, unknown>} object @param {string} field @returns {string} */
export function requireString(object, field) {
  const value = object[field];
  if (typeof value !== 'string' || value === '') throw new MockRequestError(`${field}: field required`);
  return value;
}

/** @param {Record<string, unknown>} object @param {string} field @returns {unknown[]} */
export function requireArray(object, field) {
  const value = object[field];
  if (!Array.isArray(value)) throw new MockRequestError(`${field}: must be an array`);
  return value;
}

/** @param {unknown} value @returns {unknown[]} */
export function asArray(value) {
  return Array.isArray(value) ? value : [];
}

/** @param {unknown} value @returns {string | undefined} */
export function asString(value) {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The text of a content value in any of the formats: a string, or an array of parts whose `text` fields
 * (OpenAI text/input_text/output_text parts, Anthropic text blocks, Gemini parts) are joined.
 * @param {unknown} content
 * @returns {string}
 */
export function textOf(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (isRecord(part) && typeof part.text === 'string' && part.thought !== true) text += part.text;
  }
  return text;
}
