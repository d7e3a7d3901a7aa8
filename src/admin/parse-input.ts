import type { z } from 'zod';
import { GatewayError } from '../core/errors.js';

/** Validates management input; the 400 names the first bad field and says what is wrong with it. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : undefined;
  const message = issue?.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue?.message;
  throw new GatewayError('invalid_request', field ? `Invalid '${field}': ${message}` : `Invalid input: ${message}`, {
    param: field ?? (issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined),
  });
}

export function notFound(what: string, id: string): GatewayError {
  return new GatewayError('not_found', `No ${what} with id '${id}'.`);
}

export const idParams = (params: unknown): string => (params as { id: string }).id;
