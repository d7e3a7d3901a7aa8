import type { AssistantContentPart, CanonicalResponse } from '../../../core/canonical.js';
import { GatewayError } from '../../../core/errors.js';
import { convertOpenaiUsage } from './convert-openai-usage.js';
import { type ContentPiece, splitThinkTags } from './create-think-tag-splitter.js';
import { mapOpenaiFinishReason } from './map-openai-finish-reason.js';
import { openaiChatCompletionSchema } from './openai-wire-schemas.js';
import { readContentPieces } from './read-content-pieces.js';

/** Arguments are a JSON text; a server that sends the parsed object gets it serialized back. */
export function argumentsText(value: string | Record<string, unknown> | null | undefined): string {
  if (value === null || value === undefined || value === '') return '{}';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * OpenAI chat completion → canonical response. Reasoning comes from `reasoning_content` (DeepSeek, Qwen, Kimi,
 * GLM), `reasoning` (OpenRouter, Groq, vLLM), thinking parts of a content list (Mistral) or a leading
 * `<think>…</think>` block of the content (models served without a reasoning parser). Only the first choice is
 * read: the gateway never asks for more than one.
 */
export function parseOpenaiChatResponse(body: unknown): CanonicalResponse {
  const parsed = openaiChatCompletionSchema.safeParse(body);
  if (!parsed.success) {
    throw new GatewayError('upstream_error', 'The upstream answer is not a valid chat completion', {
      cause: parsed.error,
    });
  }
  const completion = parsed.data;
  const choice = completion.choices?.find((item) => (item.index ?? 0) === 0) ?? completion.choices?.[0];
  if (choice === undefined) {
    // Some compatible servers answer 200 with an error body.
    const message = completion.error?.message ?? 'the upstream answer has no choices';
    throw new GatewayError('upstream_error', `Upstream error: ${message}`);
  }
  const message = choice.message ?? {};
  const content: AssistantContentPart[] = [];
  const pieces: ContentPiece[] = [];
  const reasoningField = message.reasoning_content || message.reasoning;
  if (reasoningField) pieces.push({ type: 'reasoning', text: reasoningField });
  if (typeof message.content === 'string') pieces.push(...splitThinkTags(message.content));
  else pieces.push(...readContentPieces(message.content));
  if (message.refusal) pieces.push({ type: 'text', text: message.refusal });
  for (const piece of pieces) {
    const previous = content.at(-1);
    if ((previous?.type === 'text' || previous?.type === 'reasoning') && previous.type === piece.type) {
      previous.text += piece.text;
    } else {
      content.push({ type: piece.type, text: piece.text });
    }
  }

  (message.tool_calls ?? []).forEach((call, index) => {
    const name = call.function?.name;
    if (!name) return;
    content.push({
      type: 'tool-call',
      id: call.id || `call_${index}`,
      name,
      arguments: argumentsText(call.function?.arguments),
    });
  });
  if (message.function_call?.name) {
    content.push({
      type: 'tool-call',
      id: 'call_function',
      name: message.function_call.name,
      arguments: argumentsText(message.function_call.arguments),
    });
  }
  const hasToolCalls = content.some((part) => part.type === 'tool-call');

  const response: CanonicalResponse = {
    id: completion.id ?? '',
    model: completion.model ?? '',
    content,
    finishReason: mapOpenaiFinishReason(choice.finish_reason, hasToolCalls),
  };
  if (completion.usage) response.usage = convertOpenaiUsage(completion.usage);
  if (completion.created) response.created = completion.created;
  return response;
}
