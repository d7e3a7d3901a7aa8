import type { z } from 'zod';
import { GatewayError } from '../../core/errors.js';

/** Renders a field path the way clients see their JSON: `input[2].content[0].text`. */
export function joinParamPath(base: string, keys: ReadonlyArray<PropertyKey>): string {
  let text = base;
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** Throws the 400 every client-side validation failure becomes, naming the field at fault. */
export function invalidField(param: string, detail: string): GatewayError {
  const message = param === '' ? `Invalid request body: ${detail}` : `Invalid field '${param}': ${detail}`;
  return new GatewayError('invalid_request', message, param === '' ? {} : { param });
}

/** Validates one piece of a client body; the first problem becomes a 400 naming the field (prefixed by `base`). */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, base = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidField(joinParamPath(base, issue?.path ?? []), issue?.message ?? 'invalid value');
}
