import type { FinishReason, Usage } from '../../../core/canonical.js';
import type { StreamDecoder, WireEvent } from '../../../core/codec.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { convertOpenaiUsage } from './convert-openai-usage.js';
import { type ContentPiece, createThinkTagSplitter } from './create-think-tag-splitter.js';
import { kindForOpenaiError } from './kind-for-openai-error.js';
import { mapOpenaiFinishReason } from './map-openai-finish-reason.js';
import { type OpenaiToolCallDelta, type OpenaiWireChunk, openaiChunkSchema } from './openai-wire-schemas.js';
import { argumentsText } from './parse-openai-chat-response.js';
import { readContentPieces } from './read-content-pieces.js';

interface ToolCallState {
  id: string | undefined;
  name: string | undefined;
  /** Arguments received before the name, held until the call can start. */
  pendingArguments: string;
  started: boolean;
  ended: boolean;
}

/**
 * OpenAI (and OpenAI-compatible) `chat.completion.chunk` events → canonical stream parts.
 *
 * Tolerated quirks: tool call deltas keyed by `index`, or by `id` when a server omits the index, or neither
 * (a continuation of the latest call); several calls interleaved by index; a server that reuses index 0 for
 * parallel calls with distinct ids; a name arriving after the first argument piece; `finish_reason` before the
 * usage-only chunk or usage on the finish chunk itself or in Groq's `x_groq.usage`; chunks with no choices;
 * reasoning as `reasoning_content` or `reasoning` deltas or a leading `<think>` block of the content.
 * Usage and finish are held until `[DONE]` (or `end()`) so they come out once, last, in that order.
 */
export function createOpenaiStreamDecoder(): StreamDecoder {
  let started = false;
  let flushed = false;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  let lastCallKey: string | undefined;
  const calls = new Map<string, ToolCallState>();
  const callOrder: ToolCallState[] = [];
  const splitter = createThinkTagSplitter();

  function pieceParts(pieces: ContentPiece[]): StreamPart[] {
    return pieces.map((piece) =>
      piece.type === 'text' ? { type: 'text-delta', text: piece.text } : { type: 'reasoning-delta', text: piece.text },
    );
  }

  function callFor(delta: OpenaiToolCallDelta, position: number): ToolCallState {
    const indexKey = delta.index !== null && delta.index !== undefined ? `index:${delta.index}` : undefined;
    let key = indexKey ?? (delta.id ? `id:${delta.id}` : (lastCallKey ?? `position:${position}`));
    const existing = calls.get(key);
    if (existing?.id && delta.id && existing.id !== delta.id) {
      // Same index, new id: a server numbering every parallel call 0. Later id-less pieces go to the new call.
      key = `id:${delta.id}`;
      const call = calls.get(key) ?? newCall();
      calls.set(key, call);
      if (indexKey !== undefined) calls.set(indexKey, call);
      lastCallKey = key;
      return call;
    }
    lastCallKey = key;
    if (existing !== undefined) return existing;
    const call = newCall();
    calls.set(key, call);
    return call;
  }

  function newCall(): ToolCallState {
    const call: ToolCallState = { id: undefined, name: undefined, pendingArguments: '', started: false, ended: false };
    callOrder.push(call);
    return call;
  }

  function toolCallParts(delta: OpenaiToolCallDelta, position: number): StreamPart[] {
    const call = callFor(delta, position);
    if (delta.id && call.id === undefined) call.id = delta.id;
    if (delta.function?.name && call.name === undefined) call.name = delta.function.name;
    const piece = typeof delta.function?.arguments === 'string' ? delta.function.arguments : argumentsOf(delta);
    if (call.ended) return [];
    if (call.started)
      return piece === '' || call.id === undefined ? [] : [{ type: 'tool-input-delta', id: call.id, delta: piece }];
    call.pendingArguments += piece;
    if (call.name === undefined) return [];
    const index = callOrder.filter((item) => item.started).length;
    call.id ??= `call_${index}`;
    call.started = true;
    const parts: StreamPart[] = [{ type: 'tool-input-start', id: call.id, name: call.name, index }];
    if (call.pendingArguments !== '')
      parts.push({ type: 'tool-input-delta', id: call.id, delta: call.pendingArguments });
    call.pendingArguments = '';
    return parts;
  }

  function endCalls(): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const call of callOrder) {
      // A call that never got a name cannot be shown to anyone; it is dropped.
      if (call.started && !call.ended && call.id !== undefined) parts.push({ type: 'tool-input-end', id: call.id });
      call.ended = true;
    }
    return parts;
  }

  function choiceParts(chunk: OpenaiWireChunk): StreamPart[] {
    const choices = chunk.choices ?? [];
    const choice = choices.find((item) => (item.index ?? 0) === 0);
    if (choice === undefined) return [];
    const parts: StreamPart[] = [];
    const delta = choice.delta;
    if (delta) {
      const reasoning = delta.reasoning_content || delta.reasoning;
      if (reasoning) parts.push({ type: 'reasoning-delta', text: reasoning });
      if (typeof delta.content === 'string') parts.push(...pieceParts(splitter.push(delta.content)));
      else parts.push(...pieceParts(readContentPieces(delta.content)));
      if (delta.refusal) parts.push({ type: 'text-delta', text: delta.refusal });
      (delta.tool_calls ?? []).forEach((toolCall, position) => {
        parts.push(...toolCallParts(toolCall, position));
      });
      if (delta.function_call) {
        parts.push(...toolCallParts({ index: -1, id: null, function: delta.function_call }, 0));
      }
    }
    if (choice.finish_reason) {
      finishReason = mapOpenaiFinishReason(
        choice.finish_reason,
        callOrder.some((call) => call.started),
      );
      parts.push(...pieceParts(splitter.flush()), ...endCalls());
    }
    return parts;
  }

  function flush(done: boolean): StreamPart[] {
    if (flushed) return [];
    flushed = true;
    const parts: StreamPart[] = [...pieceParts(splitter.flush()), ...endCalls()];
    if (usage !== undefined) parts.push({ type: 'usage', usage });
    // `[DONE]` marks a complete answer even from a server that never sent a finish_reason; a stream that simply
    // stops has no finish, and the caller reports the cut.
    const reason =
      finishReason ??
      (done
        ? mapOpenaiFinishReason(
            null,
            callOrder.some((call) => call.started),
          )
        : undefined);
    if (reason !== undefined) parts.push({ type: 'finish', reason });
    return parts;
  }

  return {
    decode(event: WireEvent): StreamPart[] {
      const data = event.data.trim();
      if (data === '[DONE]') return flush(true);
      if (data === '' || flushed) return [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return [];
      }
      const parsed = openaiChunkSchema.safeParse(json);
      if (!parsed.success) return [];
      const chunk = parsed.data;
      if (chunk.error) {
        const message = chunk.error.message ?? 'The upstream reported an error';
        return [{ type: 'error', kind: kindForOpenaiError(chunk.error), message }];
      }
      const parts: StreamPart[] = [];
      if (!started) {
        started = true;
        const start: StreamPart = { type: 'start' };
        if (chunk.id) start.id = chunk.id;
        if (chunk.model) start.model = chunk.model;
        parts.push(start);
      }
      parts.push(...choiceParts(chunk));
      const chunkUsage = chunk.usage ?? chunk.x_groq?.usage;
      if (chunkUsage) usage = convertOpenaiUsage(chunkUsage);
      return parts;
    },
    end(): StreamPart[] {
      return flush(false);
    },
  };
}

function argumentsOf(delta: OpenaiToolCallDelta): string {
  const value = delta.function?.arguments;
  return value === null || value === undefined ? '' : argumentsText(value);
}
