import type { z } from 'zod';
import { GatewayError } from '../../core/errors.js';

/** Path segments the way clients see their JSON: `messages[2].content[0].source`. */
export type FieldPath = ReadonlyArray<PropertyKey>;

export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** A 400 naming the field at fault, the way Anthropic names it (`messages.2.content`), but in JSON-path style. */
export function invalidField(path: FieldPath, detail: string): GatewayError {
  const param = formatFieldPath(path);
  const message = param === '' ? `Invalid request body: ${detail}` : `Invalid field '${param}': ${detail}`;
  return new GatewayError('invalid_request', message, param === '' ? {} : { param });
}

/** Validates one part of the client body; `at` is where that part sits in the whole body. */
export function validateAnthropicField<T>(schema: z.ZodType<T>, value: unknown, at: FieldPath = []): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidField([...at, ...(issue?.path ?? [])], issue?.message ?? 'invalid value');
}
