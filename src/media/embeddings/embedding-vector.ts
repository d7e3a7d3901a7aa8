/** An embedding as it travels: float values, or (OpenAI `encoding_format: "base64"`) float32 little-endian bytes. */
export type EmbeddingVector = number[] | string;

export function toFloats(vector: EmbeddingVector): number[] {
  if (typeof vector !== 'string') return vector;
  const bytes = Buffer.from(vector, 'base64');
  const values: number[] = new Array(Math.floor(bytes.length / 4));
  for (let index = 0; index < values.length; index += 1) values[index] = bytes.readFloatLE(index * 4);
  return values;
}

/** The OpenAI base64 encoding: float32 little-endian, as the openai SDKs decode it. */
export function toBase64(vector: EmbeddingVector): string {
  if (typeof vector === 'string') return vector;
  const bytes = Buffer.alloc(vector.length * 4);
  for (let index = 0; index < vector.length; index += 1) bytes.writeFloatLE(vector[index] ?? 0, index * 4);
  return bytes.toString('base64');
}

export function encodeVector(vector: EmbeddingVector, encoding: 'float' | 'base64'): EmbeddingVector {
  return encoding === 'base64' ? toBase64(vector) : toFloats(vector);
}
