import { z } from 'zod';

/**
 * Partial schemas of Ollama's `POST /api/chat` request (docs/api.md, `ChatRequest`/`Message` in
 * node_modules/ollama/dist/browser.d.ts). They validate only what we read; unknown fields are stripped here
 * and surface as warnings where they matter.
 */

const toolCallSchema = z.object({
  /** Newer Ollama servers attach ids to calls; older ones (and most clients) send none. */
  id: z.string().min(1).nullish(),
  function: z.object({
    index: z.number().int().nullish(),
    name: z.string().min(1),
    /** An object on the wire; a JSON text is tolerated because some clients send OpenAI-style strings. */
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
});

export const ollamaRequestMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string().nullish(),
  thinking: z.string().nullish(),
  images: z.array(z.string().min(1)).nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_name: z.string().nullish(),
  /** Not in the documented API but sent by newer clients; used for linking when present. */
  tool_call_id: z.string().nullish(),
});

export type OllamaRequestMessage = z.infer<typeof ollamaRequestMessageSchema>;

const toolSchema = z.object({
  type: z.literal('function').nullish(),
  function: z.object({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
  }),
});

/** The options we translate; every other key is reported as ignored. */
const optionsSchema = z.object({
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().nullish(),
  seed: z.number().int().nullish(),
  stop: z.union([z.array(z.string()), z.string()]).nullish(),
  num_predict: z.number().int().nullish(),
  frequency_penalty: z.number().nullish(),
  presence_penalty: z.number().nullish(),
});

export const translatedOptionKeys: ReadonlySet<string> = new Set(Object.keys(optionsSchema.shape));

export const ollamaRequestSchema = z.object({
  model: z.string().min(1).nullish(),
  messages: z.array(ollamaRequestMessageSchema),
  tools: z.array(toolSchema).nullish(),
  format: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  options: optionsSchema.nullish(),
  stream: z.boolean().nullish(),
  think: z.union([z.boolean(), z.enum(['low', 'medium', 'high'])]).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().nullish(),
});

export type OllamaRequest = z.infer<typeof ollamaRequestSchema>;
