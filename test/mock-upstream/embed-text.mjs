// Deterministic embeddings by feature hashing: each word adds ±1 to one of 64 dimensions, then the vector is
// L2-normalised, so texts sharing words have a high cosine similarity (enough for semantic-cache tests).

const BASE_DIMENSIONS = 64;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * @param {string} text
 * @param {number} [dimensions] fewer than 64 truncates then renormalises; more pads with zeros
 * @returns {number[]}
 */
export function embedText(text, dimensions = BASE_DIMENSIONS) {
  const vector = new Array(BASE_DIMENSIONS).fill(0);
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const hash = fnv1a(word);
    vector[hash % BASE_DIMENSIONS] += (hash >>> 16) & 1 ? 1 : -1;
  }
  const sized =
    dimensions <= BASE_DIMENSIONS
      ? vector.slice(0, dimensions)
      : vector.concat(new Array(dimensions - BASE_DIMENSIONS).fill(0));
  return normalise(sized);
}

/** @param {number[]} vector */
function normalise(vector) {
  const norm = Math.hypot(...vector);
  // An empty text still gets a unit vector, as real embedding APIs never return zeros.
  if (norm === 0) return vector.map((_, index) => (index === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

/** 32-bit FNV-1a. @param {string} text */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Float32 little-endian bytes in base64, as OpenAI's `encoding_format: "base64"`. @param {number[]} vector */
export function toBase64Float32(vector) {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString('base64');
}
