import { z } from 'zod';

/**
 * Partial schemas of what Anthropic answers (`Message`, `Usage`, `MessageDeltaUsage` and the
 * `Raw*Event` stream events in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts). Only the fields
 * we read are checked; new block and delta types pass through as `{ type }` and are skipped by the readers.
 */

export const anthropicUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens_details: z.object({ thinking_tokens: z.number().nullish() }).loose().nullish(),
});

export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

export const anyBlockSchema = z.object({ type: z.string() }).loose();

export const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
export const thinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});
export const redactedThinkingBlockSchema = z.object({ type: z.literal('redacted_thinking'), data: z.string() });
export const toolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

export const anthropicMessageSchema = z.object({
  id: z.string(),
  model: z.string().nullish(),
  content: z.array(anyBlockSchema),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema.nullish(),
});

export const messageStartEventSchema = z.object({
  type: z.literal('message_start'),
  message: z.object({ id: z.string().nullish(), model: z.string().nullish(), usage: anthropicUsageSchema.nullish() }),
});

export const contentBlockStartEventSchema = z.object({
  type: z.literal('content_block_start'),
  index: z.number(),
  content_block: anyBlockSchema,
});

export const contentBlockDeltaEventSchema = z.object({
  type: z.literal('content_block_delta'),
  index: z.number(),
  delta: anyBlockSchema,
});

export const contentBlockStopEventSchema = z.object({ type: z.literal('content_block_stop'), index: z.number() });

export const messageDeltaEventSchema = z.object({
  type: z.literal('message_delta'),
  delta: z.object({ stop_reason: z.string().nullish() }).loose(),
  usage: anthropicUsageSchema.nullish(),
});

export const errorEventSchema = z.object({
  type: z.literal('error'),
  error: z.object({ type: z.string().nullish(), message: z.string().nullish() }).loose(),
});
