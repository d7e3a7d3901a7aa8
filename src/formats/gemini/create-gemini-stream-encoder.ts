import type { FinishReason, Usage } from '../../core/canonical.js';
import type { ResponseContext, StreamEncoder } from '../../core/codec.js';
import type { StreamPart } from '../../core/stream-parts.js';
import { argumentsObject } from './convert-to-gemini-model-parts.js';
import type { GeminiPart, GeminiResponseBody } from './gemini-wire-types.js';
import { renderGeminiStreamErrorPart } from './render-gemini-error.js';
import { renderGeminiFinishReason, renderGeminiUsage } from './render-gemini-usage.js';

interface OpenCall {
  id: string;
  name: string;
  signature: string | undefined;
  arguments: string;
}

/**
 * Canonical stream parts → `streamGenerateContent?alt=sse` frames: each `data:` event is a whole
 * `GenerateContentResponse` holding only the new parts. There is no terminator event; the last chunk carries
 * `finishReason` and `usageMetadata`, so both wait for `end()` (usage may follow finish).
 * Function calls go out whole, once their arguments are complete. Signatures are placed as in
 * `convertToGeminiModelParts`: on the next text part, else on an empty part of their own.
 */
export function createGeminiStreamEncoder(context: ResponseContext): StreamEncoder {
  let responseId = context.id;
  let lastKind: 'text' | 'reasoning' | 'tool' | undefined;
  let pendingSignature: string | undefined;
  const openCalls = new Map<string, OpenCall>();
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  let closed = false;

  const frame = (parts: GeminiPart[], final = false): string => {
    const chunk: GeminiResponseBody = {
      candidates: [
        {
          content: { parts, role: 'model' },
          ...(final ? { finishReason: renderGeminiFinishReason(finishReason ?? 'stop') } : {}),
          index: 0,
        },
      ],
      ...(final ? { usageMetadata: renderGeminiUsage(usage) } : {}),
      modelVersion: context.model,
      responseId,
    };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  };

  const takeSignaturePart = (): GeminiPart[] => {
    if (pendingSignature === undefined) return [];
    const thoughtSignature = pendingSignature;
    pendingSignature = undefined;
    return [lastKind === 'reasoning' ? { text: '', thought: true, thoughtSignature } : { text: '', thoughtSignature }];
  };

  const callPart = (call: OpenCall): GeminiPart => ({
    functionCall: { name: call.name, args: argumentsObject(call.arguments || '{}'), id: call.id },
    ...(call.signature === undefined ? {} : { thoughtSignature: call.signature }),
  });

  const encodePart = (part: StreamPart): string => {
    switch (part.type) {
      case 'start':
        if (part.id !== undefined && part.id !== '') responseId = part.id;
        return '';
      case 'text-delta': {
        if (part.text === '') return '';
        const signature = pendingSignature;
        pendingSignature = undefined;
        lastKind = 'text';
        return frame([
          signature === undefined ? { text: part.text } : { text: part.text, thoughtSignature: signature },
        ]);
      }
      case 'reasoning-delta': {
        if (part.text === '') return '';
        const parts = [...takeSignaturePart(), { text: part.text, thought: true }];
        lastKind = 'reasoning';
        return frame(parts);
      }
      case 'reasoning-signature': {
        const flushed = takeSignaturePart();
        pendingSignature = part.signature;
        return flushed.length > 0 ? frame(flushed) : '';
      }
      case 'redacted-reasoning':
        return '';
      case 'tool-input-start': {
        const flushed = takeSignaturePart();
        openCalls.set(part.id, { id: part.id, name: part.name, signature: part.signature, arguments: '' });
        return flushed.length > 0 ? frame(flushed) : '';
      }
      case 'tool-input-delta': {
        const call = openCalls.get(part.id);
        if (call !== undefined) call.arguments += part.delta;
        return '';
      }
      case 'tool-input-end': {
        const call = openCalls.get(part.id);
        if (call === undefined) return '';
        openCalls.delete(part.id);
        lastKind = 'tool';
        return frame([callPart(call)]);
      }
      case 'usage':
        usage = part.usage;
        return '';
      case 'finish':
        finishReason = part.reason;
        return '';
      case 'error':
        closed = true;
        return renderGeminiStreamErrorPart(part.kind, part.message);
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected stream part ${JSON.stringify(unexpected)}`);
      }
    }
  };

  return {
    encode(part: StreamPart): string {
      return closed ? '' : encodePart(part);
    },
    end(): string {
      // After an error frame the stream just stops: Gemini has no terminator event to add.
      if (closed) return '';
      closed = true;
      const parts = [...[...openCalls.values()].map(callPart), ...takeSignaturePart()];
      openCalls.clear();
      return frame(parts.length > 0 ? parts : [{ text: '' }], true);
    },
  };
}
