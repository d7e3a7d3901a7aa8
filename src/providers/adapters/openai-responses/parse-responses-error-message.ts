import { z } from 'zod';

const errorBodySchema = z.union([
  z.object({ error: z.object({ message: z.string().min(1) }) }).transform((body) => body.error.message),
  z.object({ error: z.string().min(1) }).transform((body) => body.error),
  z.object({ message: z.string().min(1) }).transform((body) => body.message),
]);

/** Longest plain-text error body shown as is; longer ones are HTML pages from proxies, not messages. */
const maxTextLength = 500;

/** `{ error: { message, type, code, param } }` (OpenAI's shape), or a proxy's plain text. */
export function parseResponsesErrorMessage(body: unknown): string | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      const trimmed = body.trim();
      return trimmed && trimmed.length <= maxTextLength ? trimmed : undefined;
    }
  }
  const result = errorBodySchema.safeParse(value);
  return result.success ? result.data : undefined;
}
