import { z } from 'zod';
import { GatewayError } from '../../core/errors.js';
import { parseWithSchema } from '../../formats/gemini/parse-with-schema.js';
import type { MediaRequest } from '../media-operation.js';

export type EmbeddingInput = string | number[];

/** An embeddings request, whatever API the client used. */
export interface EmbeddingRequest extends MediaRequest {
  inputs: EmbeddingInput[];
  /** The client sent one input (a string or one token array), not a list: Gemini then gets `embedContent`. */
  single: boolean;
  dimensions?: number;
  encodingFormat: 'float' | 'base64';
  /** The client's OpenAI body, forwarded to OpenAI-format upstreams so fields we do not read (`user`) survive. */
  body: Record<string, unknown>;
}

const tokenIds = z.array(z.int().nonnegative()).min(1);

const openaiEmbeddingSchema = z.looseObject({
  model: z.string().trim().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1), tokenIds, z.array(tokenIds).min(1)]),
  dimensions: z.int().positive().nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
});

/** `POST /v1/embeddings`: string or array input, token-id arrays too, `dimensions`, `encoding_format`. */
export function parseOpenaiEmbeddingRequest(body: unknown): EmbeddingRequest {
  const parsed = parseWithSchema(openaiEmbeddingSchema, body);
  const { input } = parsed;
  const single = typeof input === 'string' || input.every((item) => typeof item === 'number');
  return {
    model: parsed.model,
    inputs: single ? [input as EmbeddingInput] : (input as EmbeddingInput[]),
    single,
    dimensions: parsed.dimensions ?? undefined,
    encodingFormat: parsed.encoding_format ?? 'float',
    body: parsed,
  };
}

/** Google documents about four characters per token for Gemini models; its embedding answers carry no usage. */
export function estimateEmbeddingTokens(inputs: readonly EmbeddingInput[]): number {
  let tokens = 0;
  for (const input of inputs) tokens += typeof input === 'string' ? Math.ceil(input.length / 4) : input.length;
  return tokens;
}

/** The inputs as text, for upstreams that embed text only (token-id input is refused, naming the input). */
export function textInputs(request: EmbeddingRequest, providerName: string): string[] {
  return request.inputs.map((input, index) => {
    if (typeof input === 'string') return input;
    throw new GatewayError('invalid_request', `${providerName} embeds text only, not token ids.`, {
      param: request.single ? 'input' : `input[${index}]`,
    });
  });
}
