import { z } from 'zod';
import type { StreamDecoder, WireEvent } from '../../../core/codec.js';
import { GatewayError } from '../../../core/errors.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import {
  type AnthropicUsage,
  contentBlockDeltaEventSchema,
  contentBlockStartEventSchema,
  contentBlockStopEventSchema,
  errorEventSchema,
  messageDeltaEventSchema,
  messageStartEventSchema,
  toolUseBlockSchema,
} from './anthropic-response-schema.js';
import { toCanonicalUsage } from './read-anthropic-usage.js';
import { toCanonicalErrorKind } from './to-canonical-error-kind.js';
import { toCanonicalFinishReason } from './to-canonical-finish-reason.js';

type BlockState = { kind: 'tool'; id: string; sawDelta: boolean; initialInput: string } | { kind: 'content' };

/**
 * Anthropic SSE events → canonical stream parts. Usage is merged across `message_start` (prompt counts) and
 * `message_delta` (output count, and on newer API versions the prompt counts again) and emitted once, just
 * before 'finish'. Tool blocks map one to one onto tool-input-start / -delta / -end; a tool block whose input
 * came whole in `content_block_start` (some Anthropic-compatible servers do that) gets it as a single delta.
 */
export function createAnthropicStreamDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let usageEmitted = false;
  let usage: AnthropicUsage | undefined;
  let toolOrdinal = 0;
  const blocks = new Map<number, BlockState>();
  const openTools = new Set<string>();

  const mergeUsage = (next: AnthropicUsage | null | undefined): void => {
    if (next === null || next === undefined) return;
    const merged: AnthropicUsage = { ...usage };
    for (const [key, value] of Object.entries(next)) {
      if (value !== null && value !== undefined) Object.assign(merged, { [key]: value });
    }
    usage = merged;
  };

  const ensureStarted = (parts: StreamPart[]): void => {
    if (started) return;
    started = true;
    parts.push({ type: 'start' });
  };

  const endOpenTools = (): StreamPart[] => {
    const parts: StreamPart[] = [...openTools].map((id) => ({ type: 'tool-input-end', id }));
    openTools.clear();
    return parts;
  };

  const decodeData = (type: string, data: unknown): StreamPart[] => {
    const parts: StreamPart[] = [];
    switch (type) {
      case 'message_start': {
        const { message } = messageStartEventSchema.parse(data);
        if (!started) {
          started = true;
          const start: StreamPart = { type: 'start' };
          if (typeof message.id === 'string') start.id = message.id;
          if (typeof message.model === 'string') start.model = message.model;
          parts.push(start);
        }
        mergeUsage(message.usage);
        return parts;
      }
      case 'content_block_start': {
        const event = contentBlockStartEventSchema.parse(data);
        ensureStarted(parts);
        const block = event.content_block;
        if (block.type === 'tool_use') {
          const call = toolUseBlockSchema.parse(block);
          const input = typeof call.input === 'object' && call.input !== null && Object.keys(call.input).length > 0;
          blocks.set(event.index, {
            kind: 'tool',
            id: call.id,
            sawDelta: false,
            initialInput: input ? JSON.stringify(call.input) : '{}',
          });
          openTools.add(call.id);
          parts.push({ type: 'tool-input-start', id: call.id, name: call.name, index: toolOrdinal });
          toolOrdinal += 1;
          return parts;
        }
        blocks.set(event.index, { kind: 'content' });
        if (block.type === 'text' && typeof block.text === 'string' && block.text !== '')
          parts.push({ type: 'text-delta', text: block.text });
        if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking !== '') {
          parts.push({ type: 'reasoning-delta', text: block.thinking });
        }
        if (block.type === 'redacted_thinking' && typeof block.data === 'string')
          parts.push({ type: 'redacted-reasoning', data: block.data });
        return parts;
      }
      case 'content_block_delta': {
        const { index, delta } = contentBlockDeltaEventSchema.parse(data);
        ensureStarted(parts);
        const text = (key: string): string => {
          const value = delta[key];
          return typeof value === 'string' ? value : '';
        };
        const block = blocks.get(index);
        if (delta.type === 'text_delta' && text('text') !== '') parts.push({ type: 'text-delta', text: text('text') });
        if (delta.type === 'thinking_delta' && text('thinking') !== '')
          parts.push({ type: 'reasoning-delta', text: text('thinking') });
        if (delta.type === 'signature_delta' && text('signature') !== '') {
          parts.push({ type: 'reasoning-signature', signature: text('signature') });
        }
        if (delta.type === 'input_json_delta' && block?.kind === 'tool' && text('partial_json') !== '') {
          block.sawDelta = true;
          parts.push({ type: 'tool-input-delta', id: block.id, delta: text('partial_json') });
        }
        return parts;
      }
      case 'content_block_stop': {
        const { index } = contentBlockStopEventSchema.parse(data);
        const block = blocks.get(index);
        if (block?.kind !== 'tool' || !openTools.has(block.id)) return parts;
        // A call without arguments streams no delta at all; '{}' keeps its arguments valid JSON.
        if (!block.sawDelta) parts.push({ type: 'tool-input-delta', id: block.id, delta: block.initialInput });
        openTools.delete(block.id);
        parts.push({ type: 'tool-input-end', id: block.id });
        return parts;
      }
      case 'message_delta': {
        const event = messageDeltaEventSchema.parse(data);
        ensureStarted(parts);
        mergeUsage(event.usage);
        parts.push(...endOpenTools());
        if (usage !== undefined) {
          parts.push({ type: 'usage', usage: toCanonicalUsage(usage) });
          usageEmitted = true;
        }
        parts.push({ type: 'finish', reason: toCanonicalFinishReason(event.delta.stop_reason) });
        finished = true;
        return parts;
      }
      case 'error': {
        const { error } = errorEventSchema.parse(data);
        parts.push({
          type: 'error',
          kind: toCanonicalErrorKind(error.type),
          message: error.message ?? 'Anthropic stream error',
        });
        return parts;
      }
      default:
        // ping, message_stop and event types added later carry nothing to translate.
        return parts;
    }
  };

  return {
    decode(event: WireEvent): StreamPart[] {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return [];
      }
      const type =
        typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string'
          ? data.type
          : event.event;
      if (type === undefined) return [];
      try {
        return decodeData(type, data);
      } catch (error) {
        if (!(error instanceof z.ZodError)) throw error;
        const detail = error.issues[0]?.message ?? 'invalid';
        throw new GatewayError('upstream_error', `Anthropic sent a malformed '${type}' stream event: ${detail}`, {
          cause: error,
        });
      }
    },
    end(): StreamPart[] {
      const parts = endOpenTools();
      if (!finished && !usageEmitted && usage !== undefined)
        parts.push({ type: 'usage', usage: toCanonicalUsage(usage) });
      return parts;
    },
  };
}
