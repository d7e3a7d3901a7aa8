import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import { parseWithSchema } from '../../formats/gemini/parse-with-schema.js';
import type { MediaRequest } from '../media-operation.js';

export interface ImageRequest extends MediaRequest {
  prompt: string;
  n: number;
  size?: string;
  quality?: string;
  responseFormat?: 'url' | 'b64_json';
  /** The client's body, forwarded to OpenAI-format upstreams so other fields (`style`, `background`) survive. */
  body: Record<string, unknown>;
}

const imageSchema = z.looseObject({
  model: z.string().trim().min(1),
  prompt: z.string().min(1),
  n: z.int().min(1).max(10).nullish(),
  size: z.string().min(1).nullish(),
  quality: z.string().min(1).nullish(),
  response_format: z.enum(['url', 'b64_json']).nullish(),
  stream: z.boolean().nullish(),
});

/** `POST /v1/images/generations`: `prompt, n, size, quality, response_format`, other fields passed through. */
export function parseImageRequest(body: unknown): ImageRequest {
  const parsed = parseWithSchema(imageSchema, body);
  if (parsed.stream === true) {
    throw new GatewayError('invalid_request', 'Streamed image generation is not supported; leave stream unset.', {
      param: 'stream',
    });
  }
  return {
    model: parsed.model,
    prompt: parsed.prompt,
    n: parsed.n ?? 1,
    size: parsed.size ?? undefined,
    quality: parsed.quality ?? undefined,
    responseFormat: parsed.response_format ?? undefined,
    body: parsed,
  };
}
