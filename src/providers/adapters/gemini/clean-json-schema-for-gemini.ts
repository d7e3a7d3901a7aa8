import type { Converted, JsonSchema } from '../../../core/canonical.js';

/**
 * Gemini's `parameters` / `responseSchema` take an OpenAPI 3.0 subset (`Schema` in @google/genai), and the API
 * answers 400 "Unknown name ..." for any other keyword (`$schema`, `additionalProperties`, `const`, `$ref`, …).
 * So this is an allow-list: these keywords are copied, the rest is translated below or dropped.
 */
const copiedKeywords = [
  'title',
  'description',
  'pattern',
  'example',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
] as const;

/** Older Gemini models reject other string formats ("only 'enum' and 'date-time' are supported for STRING type"). */
const stringFormats = new Set(['enum', 'date-time']);
const numberFormats = new Set(['float', 'double', 'int32', 'int64']);

interface CleanContext {
  definitions: Record<string, unknown>;
  root: JsonSchema;
  /** `$ref`s being expanded above this node: a repeat means recursion, which Gemini cannot express. */
  refStack: string[];
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function resolveRef(ref: string, context: CleanContext): unknown {
  if (ref === '#') return context.root;
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  if (match?.[1] === undefined) return undefined;
  return context.definitions[decodeURIComponent(match[1]).replaceAll('~1', '/').replaceAll('~0', '~')];
}

/** `allOf` of object schemas (the common `$ref` + extra description pattern) merges into one schema. */
function mergeAllOf(schema: Record<string, unknown>, context: CleanContext): Record<string, unknown> {
  const { allOf, ...merged } = schema;
  for (const raw of asArray(allOf)) {
    let member = raw;
    if (isRecord(member) && typeof member.$ref === 'string' && !context.refStack.includes(member.$ref)) {
      const { $ref, ...siblings } = member;
      const target = resolveRef($ref, context);
      member = isRecord(target) ? { ...target, ...siblings } : siblings;
    }
    if (!isRecord(member)) continue;
    for (const [key, value] of Object.entries(member)) {
      if (key === 'properties' && isRecord(value)) {
        merged.properties = { ...(isRecord(merged.properties) ? merged.properties : {}), ...value };
      } else if (key === 'required') {
        merged.required = [...new Set([...asArray(merged.required), ...asArray(value)])];
      } else if (!(key in merged)) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function isNullSchema(value: unknown): boolean {
  return isRecord(value) && value.type === 'null';
}

function enumText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function cleanItems(schema: Record<string, unknown>, path: string, context: CleanContext): JsonSchema | undefined {
  const tuple = Array.isArray(schema.items)
    ? schema.items
    : Array.isArray(schema.prefixItems)
      ? schema.prefixItems
      : [];
  if (isRecord(schema.items)) return cleanNode(schema.items, `${path}.items`, context);
  if (tuple.length === 0) return undefined;
  // Gemini has no tuples: an array of "any of the positions" is the closest it can say.
  const members = tuple.map((member, index) => cleanNode(member, `${path}.items[${index}]`, context));
  return members.length === 1 ? members[0] : { anyOf: members };
}

function cleanNode(node: unknown, path: string, context: CleanContext): JsonSchema {
  // Boolean schemas (`true` = anything) have no Gemini form; an empty schema is the closest.
  if (!isRecord(node)) return {};
  if (typeof node.$ref === 'string') {
    const { $ref, ...siblings } = node;
    if (context.refStack.includes($ref)) {
      context.warnings.push(
        `Recursive $ref '${$ref}' at ${path} was cut to a plain object: Gemini schemas cannot recurse.`,
      );
      return typeof siblings.description === 'string'
        ? { type: 'object', description: siblings.description }
        : { type: 'object' };
    }
    const target = resolveRef($ref, context);
    if (!isRecord(target)) {
      context.warnings.push(`Unresolvable $ref '${$ref}' at ${path} was replaced by an unconstrained value.`);
      return cleanNode(siblings, path, context);
    }
    return cleanNode({ ...target, ...siblings }, path, { ...context, refStack: [...context.refStack, $ref] });
  }
  const schema = Array.isArray(node.allOf) ? mergeAllOf(node, context) : node;

  const out: JsonSchema = {};
  let nullable = schema.nullable === true;
  let type: string | undefined;
  const declaredTypes = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (value): value is string => typeof value === 'string',
  );
  if (declaredTypes.includes('null')) nullable = true;
  const types = declaredTypes.filter((value) => value !== 'null');
  if (types.length > 1) {
    // ["string", "number"] has no Gemini form but anyOf of one schema per type.
    const { type: _type, title, description, nullable: _nullable, ...rest } = schema;
    const variants = types.map((value) => cleanNode({ ...rest, type: value }, path, context));
    return {
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof description === 'string' ? { description } : {}),
      anyOf: variants,
      ...(nullable ? { nullable: true } : {}),
    };
  }
  type = types[0];

  for (const key of copiedKeywords) {
    if (schema[key] !== undefined) out[key] = schema[key];
  }
  if (typeof schema.exclusiveMinimum === 'number' && out.minimum === undefined) out.minimum = schema.exclusiveMinimum;
  if (typeof schema.exclusiveMaximum === 'number' && out.maximum === undefined) out.maximum = schema.exclusiveMaximum;

  const enumValues = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (enumValues !== undefined) {
    if (enumValues.includes(null)) nullable = true;
    const values = enumValues.filter((value) => value !== null).map(enumText);
    if (type === undefined || type === 'string') {
      type = 'string';
      out.enum = values;
    } else if (values.length > 0) {
      // Gemini enums are strings only; keep the constraint where the model can still read it.
      const allowed = `Allowed values: ${values.join(', ')}.`;
      out.description = typeof out.description === 'string' ? `${out.description} ${allowed}` : allowed;
    }
  }

  if (typeof schema.format === 'string') {
    const allowed =
      type === 'string' ? stringFormats : type === 'number' || type === 'integer' ? numberFormats : undefined;
    if (allowed?.has(schema.format)) out.format = schema.format;
  }

  if (isRecord(schema.properties)) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, value] of Object.entries(schema.properties)) {
      properties[name] = cleanNode(value, `${path}.properties.${name}`, context);
    }
    // Gemini answers 400 "properties: should be non-empty for OBJECT type" for an empty map.
    if (Object.keys(properties).length > 0) {
      out.properties = properties;
      const required = asArray(schema.required).filter(
        (name): name is string => typeof name === 'string' && name in properties,
      );
      if (required.length > 0) out.required = required;
      type ??= 'object';
    }
  }

  const items = cleanItems(schema, path, context);
  if (items !== undefined) {
    out.items = items;
    type ??= 'array';
  } else if (type === 'array') {
    // Gemini answers 400 "items: missing field" for an array without items.
    context.warnings.push(`Array without 'items' at ${path} was declared as an array of strings for Gemini.`);
    out.items = { type: 'string' };
  }

  const variants = [...asArray(schema.anyOf), ...asArray(schema.oneOf)];
  if (variants.length > 0) {
    const kept: JsonSchema[] = [];
    variants.forEach((variant, index) => {
      if (isNullSchema(variant)) nullable = true;
      else kept.push(cleanNode(variant, `${path}.anyOf[${index}]`, context));
    });
    // `anyOf: [X, {type: null}]` (how Pydantic and zod spell optional) is X with nullable.
    if (kept.length === 1 && type === undefined && out.properties === undefined) {
      return { ...kept[0], ...out, ...(nullable ? { nullable: true } : {}) };
    }
    if (kept.length > 0) out.anyOf = kept;
  }

  return { ...(type === undefined ? {} : { type }), ...out, ...(nullable ? { nullable: true } : {}) };
}

/**
 * JSON Schema → the OpenAPI subset Gemini's `parameters` and `responseSchema` accept. Pure.
 * `$ref`s into `$defs`/`definitions` are inlined, type arrays become `type` + `nullable`, `const` becomes a
 * one-value `enum`, and unsupported keywords are dropped. Lossy steps that change meaning come back as warnings.
 */
export function cleanJsonSchemaForGemini(schema: JsonSchema): Converted<JsonSchema> {
  const definitions = {
    ...(isRecord(schema.definitions) ? schema.definitions : {}),
    ...(isRecord(schema.$defs) ? schema.$defs : {}),
  };
  const warnings: string[] = [];
  const value = cleanNode(schema, '#', { definitions, root: schema, refStack: [], warnings });
  return { value, warnings };
}
