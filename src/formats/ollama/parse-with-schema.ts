import type { z } from 'zod';
import { GatewayError } from '../../core/errors.js';

/** Renders a zod issue path the way clients see their JSON: `messages[2].content`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** Validates a client body; the first problem becomes a 400 naming the field at fault. */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue === undefined ? '' : formatPath(issue.path);
  const detail = issue?.message ?? 'invalid value';
  const message = param === '' ? `Invalid request body: ${detail}` : `Invalid field '${param}': ${detail}`;
  throw new GatewayError('invalid_request', message, param === '' ? {} : { param });
}
