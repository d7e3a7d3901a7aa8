/**
 * Gemini's REST API is proto3 JSON, which accepts `snake_case` field names as well as `camelCase`, and the
 * official curl examples use them (`system_instruction`, `inline_data`, `mime_type`). This renames such keys to
 * camelCase without touching user data: function arguments, function results, JSON schemas given as
 * `*JsonSchema`, and the property names of a `properties` map.
 */
const opaqueKeys = new Set([
  'args',
  'response',
  'parametersJsonSchema',
  'responseJsonSchema',
  'example',
  'default',
  'partMetadata',
  'labels',
]);

function camelCase(key: string): string {
  return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(key)
    ? key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())
    : key;
}

export function normalizeGeminiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeGeminiKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [rawKey, child] of Object.entries(value)) {
    const key = camelCase(rawKey);
    if (opaqueKeys.has(key)) {
      out[key] = child;
    } else if (key === 'properties' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      out[key] = Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, normalizeGeminiKeys(schema)]));
    } else {
      out[key] = normalizeGeminiKeys(child);
    }
  }
  return out;
}
