import type { Converted, JsonSchema } from '../../../core/canonical.js';

/**
 * Rewrites a JSON Schema into the subset Anthropic's constrained decoding accepts (structured outputs and
 * `strict` tools; docs: build-with-claude/structured-outputs, "JSON Schema limitations"): every object closed
 * with `additionalProperties: false`, `oneOf` read as `anyOf`, only the supported string formats, `minItems`
 * of 0 or 1 only. Constraints it cannot enforce (`minLength`, `maximum`, `pattern`, ...) are not silently lost:
 * they move into the `description`, where the model still reads them.
 */

const supportedFormats = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'uri',
  'ipv4',
  'ipv6',
  'uuid',
]);
/** Keywords handled explicitly below; anything else is described rather than sent. */
const structural = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
  '$defs',
  'definitions',
  'description',
  'title',
  'additionalProperties',
  'format',
  'minItems',
  'default',
  '$schema',
]);

export function cleanJsonSchemaForAnthropic(schema: JsonSchema): Converted<JsonSchema> {
  const moved = new Set<string>();
  const value = cleanNode(schema, moved);
  const warnings =
    moved.size > 0
      ? [`JSON schema keywords not enforced by Anthropic were moved into descriptions: ${[...moved].sort().join(', ')}`]
      : [];
  return { value: isRecord(value) ? value : {}, warnings };
}

function cleanNode(node: unknown, moved: Set<string>): unknown {
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  const unenforced: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (!structural.has(key)) {
      moved.add(key);
      unenforced.push(`${key}: ${JSON.stringify(value)}`);
    }
  }
  for (const key of ['type', 'title', 'description', 'enum', 'const', 'default', 'required', '$ref']) {
    if (key in node) out[key] = node[key];
  }
  for (const key of ['$defs', 'definitions', 'properties']) {
    const map = node[key];
    if (isRecord(map)) {
      out[key] = Object.fromEntries(Object.entries(map).map(([name, child]) => [name, cleanNode(child, moved)]));
    }
  }
  const variants = node.anyOf ?? node.oneOf;
  if (Array.isArray(variants)) out.anyOf = variants.map((variant) => cleanNode(variant, moved));
  if (Array.isArray(node.allOf)) out.allOf = node.allOf.map((entry) => cleanNode(entry, moved));
  if ('items' in node) out.items = cleanNode(node.items, moved);

  const isObject =
    node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || isRecord(node.properties);
  // Open objects and maps (`additionalProperties: {...}`) cannot be decoded under constraints; the closed form is
  // the only one accepted, so the original intent is kept as a note.
  if ('additionalProperties' in node && node.additionalProperties !== false) {
    moved.add('additionalProperties');
    unenforced.push(`additionalProperties: ${JSON.stringify(node.additionalProperties)}`);
  }
  if (isObject) out.additionalProperties = false;

  if (typeof node.format === 'string') {
    if (supportedFormats.has(node.format)) out.format = node.format;
    else {
      moved.add('format');
      unenforced.push(`format: ${JSON.stringify(node.format)}`);
    }
  }
  if (node.minItems === 0 || node.minItems === 1) out.minItems = node.minItems;
  else if (node.minItems !== undefined) {
    moved.add('minItems');
    unenforced.push(`minItems: ${JSON.stringify(node.minItems)}`);
  }

  if (unenforced.length > 0) {
    const note = `{${unenforced.join(', ')}}`;
    out.description = typeof out.description === 'string' ? `${out.description}\n\n${note}` : note;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
