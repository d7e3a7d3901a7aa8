import { z } from 'zod';

/**
 * Partial schemas of what OpenAI and OpenAI-compatible upstreams answer: only the fields we read, every one
 * nullish because compatible servers send explicit nulls (or omit) where OpenAI has values.
 */

export const openaiUsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z
    .object({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
  /** DeepSeek reports cache hits here instead of prompt_tokens_details. */
  prompt_cache_hit_tokens: z.number().nullish(),
  /** Moonshot (Kimi) reports cache hits at the top level of usage. */
  cached_tokens: z.number().nullish(),
});
export type OpenaiWireUsage = z.infer<typeof openaiUsageSchema>;

/** `content` is usually a string; Mistral's reasoning models answer a list of text and thinking parts. */
export const openaiContentSchema = z.union([z.string(), z.array(z.record(z.string(), z.unknown()))]).nullish();
export type OpenaiWireContent = z.infer<typeof openaiContentSchema>;

const functionSchema = z.object({
  name: z.string().nullish(),
  /** A JSON text; a few servers send the parsed object. */
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
});

export const openaiMessageSchema = z.object({
  content: openaiContentSchema,
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z
    .array(z.object({ id: z.string().nullish(), type: z.string().nullish(), function: functionSchema.nullish() }))
    .nullish(),
  function_call: functionSchema.nullish(),
});

export const openaiErrorSchema = z.object({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

export const openaiChatCompletionSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created: z.number().nullish(),
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        message: openaiMessageSchema.nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: openaiUsageSchema.nullish(),
  error: openaiErrorSchema.nullish(),
});

export const openaiToolCallDeltaSchema = z.object({
  index: z.number().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: functionSchema.nullish(),
});
export type OpenaiToolCallDelta = z.infer<typeof openaiToolCallDeltaSchema>;

export const openaiChunkSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: z
          .object({
            content: openaiContentSchema,
            refusal: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z.array(openaiToolCallDeltaSchema).nullish(),
            function_call: functionSchema.nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: openaiUsageSchema.nullish(),
  /** Groq puts usage of a stream in `x_groq.usage` on the last chunk. */
  x_groq: z.object({ usage: openaiUsageSchema.nullish() }).nullish(),
  error: openaiErrorSchema.nullish(),
});
export type OpenaiWireChunk = z.infer<typeof openaiChunkSchema>;
