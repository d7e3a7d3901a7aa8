import { z } from 'zod';

/**
 * The JSON Schema subset eval checks need: `type` (one or several), `properties`, `required`, `items`, `enum` and
 * `additionalProperties: false`. Other keywords (`description`, `format`, …) are accepted and ignored, so schemas
 * copied from a tool or response_format definition work as they are. A small validator of our own rather than a
 * dependency: the subset is ~60 lines and its failure reasons name the exact path (`$.items[2].name`).
 */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  additionalProperties?: boolean;
}

const jsonTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
type JsonType = (typeof jsonTypes)[number];

export const jsonSchemaSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.enum(jsonTypes), z.array(z.enum(jsonTypes)).min(1)]).optional(),
    properties: z.record(z.string(), jsonSchemaSchema).optional(),
    required: z.array(z.string()).optional(),
    items: jsonSchemaSchema.optional(),
    enum: z.array(z.unknown()).min(1).optional(),
    additionalProperties: z.boolean().optional(),
  }),
);

/** The first way `value` breaks `schema`, as a readable reason; undefined when it conforms. */
export function jsonSchemaViolation(value: unknown, schema: JsonSchema, path = '$'): string | undefined {
  if (schema.type !== undefined) {
    const allowed = [schema.type].flat();
    if (!allowed.some((type) => hasType(value, type))) {
      return `${path} should be ${allowed.join(' or ')}, got ${typeOf(value)}`;
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((option) => deepEqual(option, value))) {
    return `${path} should be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`;
  }
  if (isObject(value)) {
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(value, name)) return `${path}.${name} is required`;
    }
    for (const [name, item] of Object.entries(value)) {
      const property = schema.properties?.[name];
      if (property === undefined) {
        if (schema.additionalProperties === false) return `${path}.${name} is not allowed`;
        continue;
      }
      const violation = jsonSchemaViolation(item, property, `${path}.${name}`);
      if (violation !== undefined) return violation;
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries()) {
      const violation = jsonSchemaViolation(item, schema.items, `${path}[${index}]`);
      if (violation !== undefined) return violation;
    }
  }
  return undefined;
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'string':
    case 'boolean':
      return typeof value === type;
    default: {
      const unreachable: never = type;
      throw new Error(`unknown JSON type ${String(unreachable)}`);
    }
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values (key order ignored). */
export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => deepEqual(item, right[index]))
    );
  }
  if (!isObject(left) || !isObject(right)) return false;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]))
  );
}
