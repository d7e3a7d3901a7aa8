// Reads and classifies a request body once: parsed JSON, text, or bytes (multipart, binary).

/**
 * @typedef {object} RequestBody
 * @property {Buffer} raw
 * @property {unknown} value parsed JSON, text, or the raw bytes (multipart, binary); undefined when empty
 * @property {unknown} recorded what the request record shows: parsed JSON, text, or the byte length
 * @property {boolean} invalidJson the body claimed to be JSON and did not parse
 */

const EMPTY = Buffer.alloc(0);

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<RequestBody>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('error', reject);
    req.on('end', () => {
      const raw = chunks.length === 1 ? /** @type {Buffer} */ (chunks[0]) : Buffer.concat(chunks, size);
      resolve(classifyBody(raw, req.headers['content-type']));
    });
  });
}

/**
 * @param {Buffer} raw
 * @param {string | undefined} contentType
 * @returns {RequestBody}
 */
function classifyBody(raw, contentType = '') {
  if (raw.length === 0) return { raw: EMPTY, value: undefined, recorded: undefined, invalidJson: false };
  const declaredJson = contentType.includes('json');
  // Like the real servers, a JSON body is read as JSON whatever text type it claims (fetch sends text/plain).
  const looksJson = (contentType === '' || contentType.startsWith('text/')) && (raw[0] === 0x7b || raw[0] === 0x5b);
  if (declaredJson || looksJson) {
    try {
      const value = JSON.parse(raw.toString('utf8'));
      return { raw, value, recorded: value, invalidJson: false };
    } catch {
      const text = raw.toString('utf8');
      return { raw, value: text, recorded: text, invalidJson: declaredJson };
    }
  }
  if (contentType.startsWith('text/') || contentType.startsWith('application/x-www-form-urlencoded')) {
    const text = raw.toString('utf8');
    return { raw, value: text, recorded: text, invalidJson: false };
  }
  return { raw, value: raw, recorded: raw.length, invalidJson: false };
}
