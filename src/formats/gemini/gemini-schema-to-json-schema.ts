import type { JsonSchema } from '../../core/canonical.js';

/** Gemini encodes these int64 fields as strings (proto3 JSON); JSON Schema wants numbers. */
const integerKeywords = new Set(['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Gemini's OpenAPI-subset `Schema` (`type: "OBJECT"`, `nullable`, `format: "enum"`) → standard JSON Schema, the
 * canonical form of tool parameters. Pure. `nullable: true` becomes a `"null"` member of `type`; Gemini-only
 * keywords (`propertyOrdering`) are dropped because other providers' strict modes reject them.
 */
export function geminiSchemaToJsonSchema(schema: Record<string, unknown>): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        if (typeof value === 'string' && value !== 'TYPE_UNSPECIFIED') out.type = value.toLowerCase();
        break;
      case 'nullable':
      case 'propertyOrdering':
        break;
      case 'format':
        if (value !== 'enum') out.format = value;
        break;
      case 'properties':
        if (isRecord(value)) {
          out.properties = Object.fromEntries(
            Object.entries(value).map(([name, child]) => [
              name,
              isRecord(child) ? geminiSchemaToJsonSchema(child) : {},
            ]),
          );
        }
        break;
      case 'items':
        out.items = isRecord(value) ? geminiSchemaToJsonSchema(value) : value;
        break;
      case 'anyOf':
        out.anyOf = Array.isArray(value)
          ? value.map((child) => (isRecord(child) ? geminiSchemaToJsonSchema(child) : child))
          : value;
        break;
      default:
        out[key] = integerKeywords.has(key) && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
  }
  return out;
}
