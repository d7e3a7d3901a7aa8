import { z } from 'zod';

/**
 * Partial schema of one `/api/chat` answer: the whole non-streaming body, or one NDJSON line of a stream
 * (`ChatResponse` in node_modules/ollama/dist/browser.d.ts). Only the fields we read.
 */
const toolCallSchema = z.object({
  /** Sent by newer Ollama versions only. */
  id: z.string().nullish(),
  function: z.object({
    index: z.number().nullish(),
    name: z.string().min(1),
    arguments: z.unknown().optional(),
  }),
});

export const ollamaChatResponseSchema = z.object({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  message: z
    .object({
      content: z.string().nullish(),
      thinking: z.string().nullish(),
      tool_calls: z.array(toolCallSchema).nullish(),
    })
    .nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  prompt_eval_count: z.number().nullish(),
  eval_count: z.number().nullish(),
});

export type OllamaChatResponse = z.infer<typeof ollamaChatResponseSchema>;
export type OllamaResponseToolCall = z.infer<typeof toolCallSchema>;
