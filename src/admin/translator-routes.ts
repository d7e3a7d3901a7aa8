import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { wireFormats } from '../core/wire-format.js';
import { clientCodecs } from '../formats/index.js';
import { peekRequest } from '../gateway/peek-request.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import { parseInput } from './parse-input.js';

const translatorSchema = z
  .object({
    from: z.enum(wireFormats),
    to: z.enum(wireFormats),
    body: z.record(z.string(), z.unknown()),
    /** What a Gemini client puts in the URL rather than the body. */
    model: z.string().min(1).optional(),
    stream: z.boolean().optional(),
  })
  .strict();

export type TranslatorInput = z.infer<typeof translatorSchema>;

/**
 * What the gateway would send upstream for a client request: the same format passes through unchanged (only the
 * model is set); otherwise the client codec parses it and the upstream adapter builds the request. Pure: no
 * routing, no upstream call. Invalid bodies fail exactly as on the client routes, naming the bad field.
 */
export function previewTranslation({ from, to, body, model, stream }: TranslatorInput) {
  const hints = { model, stream };
  const peek = peekRequest(from, body, hints);
  const adapter = upstreamAdapters[to];
  if (clientCodecs[to] === clientCodecs[from]) {
    const passed = to === 'gemini' ? body : { ...body, model: peek.model };
    return {
      passThrough: true,
      path: adapter.requestPath(peek.model, peek.stream),
      body: passed,
      headers: {},
      warnings: [],
    };
  }
  const parsed = clientCodecs[from].parseRequest(body, hints);
  const built = adapter.buildRequest({ ...parsed.value, model: peek.model });
  return {
    passThrough: false,
    path: built.value.path,
    body: built.value.body,
    headers: built.value.headers ?? {},
    warnings: [...parsed.warnings, ...built.warnings],
  };
}

/** `POST /api/translator` `{from, to, body, model?, stream?}` → `{passThrough, path, body, headers, warnings}`. */
export async function registerTranslatorRoutes(app: FastifyInstance): Promise<void> {
  const openapi = { body: translatorSchema, summary: 'Show the upstream request a client request becomes (no call)' };
  app.post('/api/translator', { config: { openapi } }, async (request) =>
    previewTranslation(parseInput(translatorSchema, request.body)),
  );
}
