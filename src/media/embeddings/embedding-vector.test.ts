import { describe, expect, it } from 'vitest';
import { encodeVector, toBase64, toFloats } from './embedding-vector.js';

describe('embedding vectors', () => {
  it('round-trips float32 little-endian base64, as the openai SDK decodes it', () => {
    const vector = [0.5, -0.25, 1, 0];
    const base64 = toBase64(vector);
    expect(Buffer.from(base64, 'base64')).toHaveLength(16);
    expect(Buffer.from(base64, 'base64').readFloatLE(4)).toBe(-0.25);
    expect(toFloats(base64)).toEqual(vector);
  });

  it('re-encodes only when the encoding differs', () => {
    const base64 = toBase64([1, 2]);
    expect(encodeVector(base64, 'base64')).toBe(base64);
    expect(encodeVector([1, 2], 'float')).toEqual([1, 2]);
    expect(encodeVector(base64, 'float')).toEqual([1, 2]);
  });
});
