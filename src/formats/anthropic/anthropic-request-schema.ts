import { z } from 'zod';

/**
 * Partial schemas of Anthropic's `POST /v1/messages` request (`MessageCreateParamsBase` and the `*BlockParam`
 * types in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts). They validate only what we read.
 * Content blocks are checked one by one by their `type` (see convert-anthropic-messages.ts), so a bad block
 * is reported with its exact path and an unknown block type can become a warning instead of a schema error.
 */

export const cacheControlSchema = z.object({
  type: z.literal('ephemeral'),
  /** '5m' or '1h' today; kept as a string so a new TTL does not break clients. */
  ttl: z.string().nullish(),
});

export const textBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema.nullish(),
  citations: z.array(z.unknown()).nullish(),
});

export type AnthropicTextBlockParam = z.infer<typeof textBlockSchema>;

export const imageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
    z.object({ type: z.literal('url'), url: z.string().min(1) }),
    z.object({ type: z.literal('file'), file_id: z.string() }),
  ]),
  cache_control: cacheControlSchema.nullish(),
});

export type AnthropicImageBlockParam = z.infer<typeof imageBlockSchema>;

export const documentBlockSchema = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
    z.object({ type: z.literal('url'), url: z.string().min(1) }),
    z.object({ type: z.literal('text'), media_type: z.string().nullish(), data: z.string() }),
    z.object({ type: z.literal('content'), content: z.union([z.string(), z.array(z.unknown())]) }),
    z.object({ type: z.literal('file'), file_id: z.string() }),
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.object({ enabled: z.boolean().nullish() }).loose().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export type AnthropicDocumentBlockParam = z.infer<typeof documentBlockSchema>;

export const searchResultBlockSchema = z.object({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlockSchema),
  cache_control: cacheControlSchema.nullish(),
});

export const toolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
  cache_control: cacheControlSchema.nullish(),
});

export const toolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  /** Inner blocks are checked one by one, like message content. */
  content: z.union([z.string(), z.array(z.object({ type: z.string() }).loose())]).nullish(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const thinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  /** Required by Anthropic; tolerated as missing because other gateways strip it. */
  signature: z.string().nullish(),
});

export const redactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/** Only the discriminator; the block's own schema is applied afterwards. */
export const anyBlockSchema = z.object({ type: z.string().min(1) }).loose();

export const messageSchema = z.object({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(anyBlockSchema)]),
});

export type AnthropicMessageParam = z.infer<typeof messageSchema>;

export const customToolSchema = z.object({
  type: z.literal('custom').nullish(),
  name: z.string().min(1),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()),
  strict: z.boolean().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

/** Server and Anthropic-defined tools (`web_search_20250305`, `bash_20250124`, ...) carry a dated `type`. */
export const anyToolSchema = z.object({ type: z.string().nullish(), name: z.string().nullish() }).loose();

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().nullish() }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().nullish() }),
  z.object({ type: z.literal('tool'), name: z.string().min(1), disable_parallel_tool_use: z.boolean().nullish() }),
  z.object({ type: z.literal('none') }),
]);

const thinkingSchema = z.union([
  z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().min(0), display: z.string().nullish() }),
  z.object({ type: z.literal('disabled') }),
  z.object({ type: z.literal('adaptive'), display: z.string().nullish() }),
  /** Newer modes (`between_tools`, ...) become a warning rather than a 400. */
  z.object({ type: z.string().min(1) }).loose(),
]);

const outputConfigSchema = z.object({
  effort: z.string().nullish(),
  format: z.object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
});

export const anthropicRequestSchema = z.object({
  model: z.string().min(1).nullish(),
  messages: z.array(messageSchema),
  max_tokens: z.number().int().min(0),
  system: z.union([z.string(), z.array(textBlockSchema)]).nullish(),
  metadata: z.object({ user_id: z.string().nullish() }).loose().nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  tools: z.array(anyToolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  thinking: thinkingSchema.nullish(),
  output_config: outputConfigSchema.nullish(),
  /** Automatic caching: marks the last cacheable block of the request. */
  cache_control: cacheControlSchema.nullish(),
});

export type AnthropicRequest = z.infer<typeof anthropicRequestSchema>;

export const translatedRequestKeys: ReadonlySet<string> = new Set(Object.keys(anthropicRequestSchema.shape));
