import type { CanonicalMessage, Converted, ToolResultPart } from '../../../core/canonical.js';
import { geminiGeneration } from './build-gemini-thinking-config.js';
import { convertToGeminiMediaPart } from './convert-to-gemini-media-part.js';
import { convertToGeminiModelParts } from './convert-to-gemini-model-parts.js';
import type { GeminiContent, GeminiPart } from './gemini-wire-types.js';

/**
 * Gemini 3 rejects a function call turn whose first call has no signature. History written by another
 * provider (or by hand) has none, and the docs' FAQ names this value as the way to skip the check
 * (https://ai.google.dev/gemini-api/docs/thought-signatures#faqs).
 */
export const skipThoughtSignature = 'skip_thought_signature_validator';

export interface GeminiContents {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
}

function toolResultResponse(result: ToolResultPart): Record<string, unknown> {
  const text = result.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
  // The documented keys: "output" for the result, "error" for a failure.
  return result.isError === true ? { error: text } : { output: text };
}

/** Consecutive same-role contents merge: Gemini wants user and model turns to alternate. */
function mergeSameRole(contents: GeminiContent[]): GeminiContent[] {
  const merged: GeminiContent[] = [];
  for (const content of contents) {
    const previous = merged.at(-1);
    if (previous?.role === content.role) previous.parts.push(...content.parts);
    else merged.push({ role: content.role, parts: [...content.parts] });
  }
  return merged;
}

/**
 * Canonical messages → Gemini `contents` + `systemInstruction`. System messages are hoisted; tool results
 * become `functionResponse` parts of a user turn (named from their call when `toolName` is missing); calls
 * without results and results without calls are dropped, because Gemini requires as many responses as calls.
 */
export function convertToGeminiContents({
  messages,
  model,
}: {
  messages: CanonicalMessage[];
  model: string;
}): Converted<GeminiContents> {
  const warnings: string[] = [];
  const systemParts: Array<{ text: string }> = [];
  const callNames = new Map<string, string>();
  const answered = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') callNames.set(part.id, part.name);
    } else if (message.role === 'tool') {
      for (const part of message.content) answered.add(part.toolCallId);
    }
  }

  const contents: GeminiContent[] = [];
  let seenConversation = false;
  messages.forEach((message, index) => {
    const parts: GeminiPart[] = [];
    switch (message.role) {
      case 'system': {
        if (seenConversation) {
          warnings.push(`messages[${index}]: a system message inside the conversation was moved to systemInstruction.`);
        }
        for (const part of message.content) systemParts.push({ text: part.text });
        return;
      }
      case 'user': {
        for (const part of message.content) {
          if (part.type === 'text') {
            if (part.text !== '') parts.push({ text: part.text });
            continue;
          }
          const media = convertToGeminiMediaPart(part.source, part.type);
          warnings.push(...media.warnings);
          parts.push(media.value);
        }
        break;
      }
      case 'assistant': {
        const isLast = index === messages.length - 1;
        const content = message.content.filter((part) => {
          if (part.type !== 'tool-call' || isLast || answered.has(part.id)) return true;
          warnings.push(`messages[${index}]: tool call '${part.name}' (${part.id}) has no result and was dropped.`);
          return false;
        });
        const converted = convertToGeminiModelParts(content);
        warnings.push(...converted.warnings);
        parts.push(...converted.value);
        break;
      }
      case 'tool': {
        const media: GeminiPart[] = [];
        for (const result of message.content) {
          const name = result.toolName ?? callNames.get(result.toolCallId);
          if (!callNames.has(result.toolCallId) || name === undefined) {
            warnings.push(`messages[${index}]: tool result for unknown call '${result.toolCallId}' was dropped.`);
            continue;
          }
          parts.push({ functionResponse: { name, response: toolResultResponse(result) } });
          // Images in results (screenshots) follow the responses in the same user turn: every model reads those.
          for (const part of result.content) {
            if (part.type !== 'image') continue;
            const converted = convertToGeminiMediaPart(part.source, 'image');
            warnings.push(...converted.warnings);
            media.push(converted.value);
          }
        }
        parts.push(...media);
        break;
      }
      default: {
        const unexpected: never = message;
        throw new Error(`Unexpected message ${JSON.stringify(unexpected)}`);
      }
    }
    seenConversation = true;
    if (parts.length === 0) {
      warnings.push(`messages[${index}] has no content Gemini accepts and was dropped.`);
      return;
    }
    contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts });
  });

  const merged = mergeSameRole(contents);
  if ((geminiGeneration(model) ?? 0) >= 3) {
    for (const content of merged) {
      const firstCall = content.parts.find((part) => part.functionCall !== undefined);
      if (content.role === 'model' && firstCall !== undefined && firstCall.thoughtSignature === undefined) {
        firstCall.thoughtSignature = skipThoughtSignature;
      }
    }
  }
  return {
    value: { contents: merged, ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}) },
    warnings,
  };
}
