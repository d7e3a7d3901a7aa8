import type { FinishReason, Usage } from '../../core/canonical.js';
import type { ResponseContext, StreamEncoder } from '../../core/codec.js';
import type { StreamPart } from '../../core/stream-parts.js';
import { toAnthropicErrorType } from './render-anthropic-error.js';
import { toAnthropicStopReason } from './to-anthropic-stop-reason.js';
import { toAnthropicUsage } from './to-anthropic-usage.js';

/**
 * Canonical stream parts → Anthropic SSE events, in the official grammar
 * (docs.anthropic.com/en/docs/build-with-claude/streaming):
 *   message_start, then per block content_block_start / content_block_delta* / content_block_stop with indices
 *   0, 1, 2, … (one block open at a time), then message_delta (stop_reason + usage), then message_stop.
 * An `error` event ends the stream, as it does at Anthropic; nothing follows it.
 *
 * Tool calls: each call is exactly one tool_use block. A call that starts while another is still receiving
 * arguments (interleaved upstream deltas) is queued with its deltas buffered, and opened once the earlier
 * block closes, so no block is ever split.
 */

interface ToolState {
  id: string;
  name: string;
  status: 'queued' | 'open' | 'closed';
  buffered: string[];
  ended: boolean;
}

type OpenBlock =
  | { kind: 'text'; index: number }
  | { kind: 'thinking'; index: number; signed: boolean }
  | { kind: 'tool'; index: number; tool: ToolState };

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function createAnthropicStreamEncoder(context: ResponseContext): StreamEncoder {
  let started = false;
  let finished = false;
  let messageId = context.id;
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  const tools = new Map<string, ToolState>();
  const queue: ToolState[] = [];

  const start = (): string => {
    if (started) return '';
    started = true;
    const message = {
      id: messageId,
      type: 'message',
      role: 'assistant',
      model: context.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: toAnthropicUsage(usage),
    };
    return frame('message_start', { type: 'message_start', message });
  };

  const takeIndex = (): number => {
    const index = nextIndex;
    nextIndex += 1;
    return index;
  };

  /** Index of the block just opened by the caller; blocks open one at a time, so it is the latest one. */
  const openIndex = (): number => open?.index ?? nextIndex - 1;

  const startFrame = (index: number, contentBlock: unknown): string =>
    frame('content_block_start', { type: 'content_block_start', index, content_block: contentBlock });
  const deltaFrame = (index: number, delta: unknown): string =>
    frame('content_block_delta', { type: 'content_block_delta', index, delta });
  const stopFrame = (index: number): string => frame('content_block_stop', { type: 'content_block_stop', index });

  const openTool = (tool: ToolState): string => {
    const index = takeIndex();
    tool.status = 'open';
    open = { kind: 'tool', index, tool };
    let out = startFrame(index, { type: 'tool_use', id: tool.id, name: tool.name, input: {} });
    for (const partial of tool.buffered) out += deltaFrame(index, { type: 'input_json_delta', partial_json: partial });
    tool.buffered = [];
    return out;
  };

  /** Closes the open block; after a tool block, opens (and, when finished or forced, closes) queued tools. */
  const closeOpen = (force: boolean): string => {
    let out = '';
    while (open !== undefined) {
      out += stopFrame(open.index);
      if (open.kind === 'tool') open.tool.status = 'closed';
      open = undefined;
      const next = queue.shift();
      if (next === undefined) break;
      out += openTool(next);
      if (!next.ended && !force) break;
    }
    return out;
  };

  const openSimple = (kind: 'text' | 'thinking'): string => {
    if (open?.kind === kind && !(open.kind === 'thinking' && open.signed)) return '';
    let out = closeOpen(true);
    const index = takeIndex();
    if (kind === 'text') {
      open = { kind, index };
      out += startFrame(index, { type: 'text', text: '' });
    } else {
      open = { kind, index, signed: false };
      out += startFrame(index, { type: 'thinking', thinking: '', signature: '' });
    }
    return out;
  };

  const encodePart = (part: StreamPart): string => {
    switch (part.type) {
      case 'start':
        if (!started && part.id !== undefined && part.id !== '') messageId = part.id;
        return start();
      case 'text-delta': {
        if (part.text === '') return '';
        const out = start() + openSimple('text');
        return out + deltaFrame(openIndex(), { type: 'text_delta', text: part.text });
      }
      case 'reasoning-delta': {
        if (part.text === '') return '';
        const out = start() + openSimple('thinking');
        return out + deltaFrame(openIndex(), { type: 'thinking_delta', thinking: part.text });
      }
      case 'reasoning-signature': {
        if (part.signature === '') return '';
        const out = start() + openSimple('thinking');
        if (open?.kind === 'thinking') open.signed = true;
        return out + deltaFrame(openIndex(), { type: 'signature_delta', signature: part.signature });
      }
      case 'redacted-reasoning': {
        const out = start() + closeOpen(true);
        const index = takeIndex();
        return out + startFrame(index, { type: 'redacted_thinking', data: part.data }) + stopFrame(index);
      }
      case 'tool-input-start': {
        if (tools.has(part.id)) return '';
        const tool: ToolState = { id: part.id, name: part.name, status: 'queued', buffered: [], ended: false };
        tools.set(part.id, tool);
        const out = start();
        if (open?.kind === 'tool' && !open.tool.ended) {
          queue.push(tool);
          return out;
        }
        return out + closeOpen(true) + openTool(tool);
      }
      case 'tool-input-delta': {
        const tool = tools.get(part.id);
        if (tool === undefined || part.delta === '') return '';
        if (tool.status === 'queued') {
          tool.buffered.push(part.delta);
          return '';
        }
        // A delta for a block already closed (the upstream interleaved it with text) cannot be placed any more.
        if (tool.status === 'closed') return '';
        return deltaFrame(openIndex(), { type: 'input_json_delta', partial_json: part.delta });
      }
      case 'tool-input-end': {
        const tool = tools.get(part.id);
        if (tool === undefined) return '';
        tool.ended = true;
        return tool.status === 'open' ? closeOpen(false) : '';
      }
      case 'usage':
        usage = part.usage;
        return '';
      case 'finish':
        finishReason = part.reason;
        return '';
      case 'error':
        finished = true;
        return frame('error', {
          type: 'error',
          error: { type: toAnthropicErrorType(part.kind), message: part.message },
        });
      default: {
        const exhaustive: never = part;
        throw new Error(`unreachable stream part ${String(exhaustive)}`);
      }
    }
  };

  return {
    encode(part) {
      return finished ? '' : encodePart(part);
    },
    end() {
      if (finished) return '';
      finished = true;
      let out = start() + closeOpen(true);
      const delta = { stop_reason: toAnthropicStopReason(finishReason ?? 'stop'), stop_sequence: null };
      out += frame('message_delta', { type: 'message_delta', delta, usage: toAnthropicUsage(usage) });
      return out + frame('message_stop', { type: 'message_stop' });
    },
  };
}
