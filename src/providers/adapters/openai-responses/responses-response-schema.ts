import { z } from 'zod';

/**
 * Partial schemas of what OpenAI sends back (`Response`, `ResponseOutputItem`, `ResponseUsage` and stream
 * events in node_modules/openai/resources/responses/responses.d.ts). Only read fields are checked; unknown
 * items and fields pass.
 */
export const usageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  input_tokens_details: z
    .object({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
});

export type WireUsage = z.infer<typeof usageSchema>;

const textSchema = z.object({ text: z.string() });

export const messageItemSchema = z.object({
  type: z.literal('message'),
  id: z.string().nullish(),
  content: z.array(z.object({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() })),
});

export const functionCallItemSchema = z.object({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string().nullish(),
});

export const reasoningItemSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(textSchema).nullish(),
  content: z.array(textSchema).nullish(),
  encrypted_content: z.string().nullish(),
});

export const outputItemSchema = z.discriminatedUnion('type', [
  messageItemSchema,
  functionCallItemSchema,
  reasoningItemSchema,
]);
export type OutputItem = z.infer<typeof outputItemSchema>;

export const errorDetailSchema = z.object({
  code: z.string().nullish(),
  type: z.string().nullish(),
  message: z.string(),
});

export const responseSchema = z.object({
  id: z.string(),
  created_at: z.number().nullish(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  output: z.array(z.unknown()),
  usage: usageSchema.nullish(),
  incomplete_details: z.object({ reason: z.string().nullish() }).nullish(),
  error: errorDetailSchema.nullish(),
});

export type WireResponse = z.infer<typeof responseSchema>;
