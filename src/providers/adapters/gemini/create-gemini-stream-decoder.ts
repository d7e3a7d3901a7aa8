import type { Usage } from '../../../core/canonical.js';
import type { StreamDecoder, WireEvent } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { createToolCallId } from './create-tool-call-id.js';
import { type GeminiResponsePart, geminiResponseSchema } from './gemini-response-schema.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { geminiErrorKind } from './read-gemini-error.js';
import { readGeminiUsage } from './read-gemini-usage.js';

function sameUsage(left: Usage | undefined, right: Usage): boolean {
  return left !== undefined && JSON.stringify(left) === JSON.stringify(right);
}

/**
 * `streamGenerateContent?alt=sse` events → canonical parts. Each event is a whole `GenerateContentResponse`
 * carrying only the new parts; function calls arrive complete, so each becomes start/delta/end at once.
 * Usage is cumulative on every chunk (the last wins); the chunk with `finishReason` closes the turn.
 */
export function createGeminiStreamDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let callCount = 0;
  let usage: Usage | undefined;
  let emittedUsage: Usage | undefined;

  const decodePart = (part: GeminiResponsePart, out: StreamPart[]): void => {
    const signature = part.thoughtSignature;
    if (part.functionCall !== undefined) {
      const { name, args, id: wireId } = part.functionCall;
      const id = wireId ?? createToolCallId();
      out.push({
        type: 'tool-input-start',
        id,
        name: name ?? '',
        index: callCount,
        ...(signature === undefined ? {} : { signature }),
      });
      callCount += 1;
      out.push({ type: 'tool-input-delta', id, delta: JSON.stringify(args ?? {}) });
      out.push({ type: 'tool-input-end', id });
      return;
    }
    if (part.thought === true) {
      if (part.text !== undefined && part.text !== '') out.push({ type: 'reasoning-delta', text: part.text });
      if (signature !== undefined) out.push({ type: 'reasoning-signature', signature });
      return;
    }
    // A signature on a text part signs the thoughts before it, so it goes out before the text.
    if (signature !== undefined) out.push({ type: 'reasoning-signature', signature });
    if (part.text !== undefined && part.text !== '') out.push({ type: 'text-delta', text: part.text });
  };

  return {
    decode(event: WireEvent): StreamPart[] {
      const data = event.data.trim();
      if (data === '' || data === '[DONE]') return [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return [{ type: 'error', kind: 'upstream', message: 'Gemini sent a stream event that is not JSON.' }];
      }
      const parsed = geminiResponseSchema.safeParse(json);
      if (!parsed.success) {
        return [{ type: 'error', kind: 'upstream', message: 'Gemini sent a stream event of an unexpected shape.' }];
      }
      const chunk = parsed.data;
      if (chunk.error !== undefined) {
        return [
          { type: 'error', kind: geminiErrorKind(chunk.error), message: chunk.error.message ?? 'Gemini stream error.' },
        ];
      }

      const out: StreamPart[] = [];
      if (!started) {
        started = true;
        out.push({
          type: 'start',
          ...(chunk.responseId === undefined ? {} : { id: chunk.responseId }),
          ...(chunk.modelVersion === undefined ? {} : { model: chunk.modelVersion }),
        });
      }
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) decodePart(part, out);
      if (chunk.usageMetadata !== undefined) usage = readGeminiUsage(chunk.usageMetadata);

      const blocked = candidate === undefined && chunk.promptFeedback?.blockReason !== undefined;
      if (!finished && (candidate?.finishReason !== undefined || blocked)) {
        finished = true;
        if (usage !== undefined) {
          out.push({ type: 'usage', usage });
          emittedUsage = usage;
        }
        const reason = blocked ? 'content-filter' : mapGeminiFinishReason(candidate?.finishReason ?? '', callCount > 0);
        out.push({ type: 'finish', reason });
      } else if (finished && usage !== undefined && !sameUsage(emittedUsage, usage)) {
        out.push({ type: 'usage', usage });
        emittedUsage = usage;
      }
      return out;
    },
    end(): StreamPart[] {
      // Cut before finishReason: the caller reports the cut; the usage seen so far still counts.
      if (usage !== undefined && !sameUsage(emittedUsage, usage)) {
        emittedUsage = usage;
        return [{ type: 'usage', usage }];
      }
      return [];
    },
  };
}
