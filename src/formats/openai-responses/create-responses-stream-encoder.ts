import type { FinishReason, Usage } from '../../core/canonical.js';
import type { ResponseContext, StreamEncoder } from '../../core/codec.js';
import type { StreamPart } from '../../core/stream-parts.js';
import {
  buildResponseObject,
  itemId,
  type Outcome,
  outcomeFor,
  outputTextPart,
  toResponseId,
} from './build-response-object.js';
import { formatSseFrame } from './format-sse-frame.js';
import { errorEvent, responseErrorCodeFor } from './render-responses-error.js';
import { completeArguments } from './render-responses-response.js';
import type { ItemStatus, WireOutputItem } from './responses-wire-types.js';

/** The message or reasoning item being streamed; function calls stay open by id (they may interleave). */
interface OpenItem {
  kind: 'message' | 'reasoning';
  id: string;
  outputIndex: number;
  text: string;
}

interface OpenCall {
  id: string;
  outputIndex: number;
  callId: string;
  name: string;
  arguments: string;
}

const zeroUsage: Usage = { inputTokens: 0, outputTokens: 0 };

const terminalEvents = {
  completed: 'response.completed',
  incomplete: 'response.incomplete',
  failed: 'response.failed',
} as const;

/**
 * Canonical parts → Responses SSE frames, following the official event grammar: `response.created`,
 * `response.in_progress`, then per output item `output_item.added` … `output_item.done` (messages with
 * `content_part` / `output_text` events, function calls with `function_call_arguments` events, reasoning with
 * `reasoning_summary_part` / `reasoning_summary_text` events — the summary events are the ones OpenAI's
 * reasoning models send and clients render; `reasoning_text` is only sent by open-weight models), and finally
 * `response.completed` / `response.incomplete` carrying the whole response with usage. Every event carries
 * `sequence_number`, from 0 up by 1. The terminal event waits for `end()` so usage arriving after 'finish'
 * is included. An 'error' part ends the stream with `error` + `response.failed`.
 */
class ResponsesStreamEncoder implements StreamEncoder {
  private sequence = 0;
  private responseId = '';
  private started = false;
  private terminated = false;
  private nextOutputIndex = 0;
  private readonly items: Array<WireOutputItem | undefined> = [];
  private current: OpenItem | undefined;
  private readonly calls = new Map<string, OpenCall>();
  private finishReason: FinishReason | undefined;
  private usage: Usage | undefined;

  constructor(private readonly context: ResponseContext) {}

  encode(part: StreamPart): string {
    if (this.terminated) return '';
    let out = this.start(part.type === 'start' ? part.id : undefined);
    switch (part.type) {
      case 'start':
        break;
      case 'text-delta':
        if (part.text !== '') out += this.textDelta(part.text);
        break;
      case 'reasoning-delta':
        if (part.text !== '') out += this.reasoningDelta(part.text);
        break;
      case 'reasoning-signature':
        out += this.reasoningSignature(part.signature);
        break;
      case 'redacted-reasoning':
        out += this.closeCurrent('completed') + this.wholeReasoningItem(part.data);
        break;
      case 'tool-input-start':
        out += this.toolStart(part.id, part.name);
        break;
      case 'tool-input-delta':
        out += this.toolDelta(part.id, part.delta);
        break;
      case 'tool-input-end': {
        const call = this.calls.get(part.id);
        if (call) out += this.closeCall(call, 'completed');
        break;
      }
      case 'usage':
        this.usage = part.usage;
        break;
      case 'finish':
        this.finishReason = part.reason;
        out += this.closeAll(part.reason === 'length' || part.reason === 'content-filter' ? 'incomplete' : 'completed');
        break;
      case 'error': {
        out += this.closeAll('incomplete');
        const error = { code: responseErrorCodeFor(part.kind), message: part.message };
        out += this.frame(errorEvent(part.kind, error.code, part.message, null));
        out += this.terminal({ status: 'failed', error });
        break;
      }
      default: {
        const unreachable: never = part;
        return unreachable;
      }
    }
    return out;
  }

  end(): string {
    if (this.terminated) return '';
    const out = this.start(undefined) + this.closeAll('completed');
    return out + this.terminal(outcomeFor(this.finishReason ?? 'stop'));
  }

  private frame<T extends { type: string }>(payload: T): string {
    const { type, ...rest } = payload;
    return formatSseFrame({ type, sequence_number: this.sequence++, ...rest });
  }

  private snapshot(outcome: Outcome | { status: 'in_progress' }, usage?: Usage) {
    return buildResponseObject({
      id: this.responseId,
      model: this.context.model,
      createdAt: this.context.created,
      outcome,
      output: this.items.filter((item) => item !== undefined),
      ...(usage ? { usage } : {}),
    });
  }

  private start(id: string | undefined): string {
    if (this.started) return '';
    this.started = true;
    this.responseId = toResponseId(id || this.context.id);
    const response = this.snapshot({ status: 'in_progress' });
    return this.frame({ type: 'response.created', response }) + this.frame({ type: 'response.in_progress', response });
  }

  private terminal(outcome: Outcome): string {
    this.terminated = true;
    const response = this.snapshot(outcome, this.usage ?? zeroUsage);
    return this.frame({ type: terminalEvents[outcome.status], response });
  }

  private allocate(prefix: 'msg' | 'rs' | 'fc'): { id: string; outputIndex: number } {
    const outputIndex = this.nextOutputIndex++;
    return { id: itemId(prefix, this.responseId, outputIndex), outputIndex };
  }

  private textDelta(delta: string): string {
    let out = '';
    if (this.current?.kind !== 'message') {
      out += this.closeCurrent('completed');
      const { id, outputIndex } = this.allocate('msg');
      this.current = { kind: 'message', id, outputIndex, text: '' };
      const item = { id, type: 'message', status: 'in_progress', content: [], role: 'assistant' };
      out += this.frame({ type: 'response.output_item.added', output_index: outputIndex, item });
      const part = outputTextPart('');
      out += this.frame({
        type: 'response.content_part.added',
        item_id: id,
        output_index: outputIndex,
        content_index: 0,
        part,
      });
    }
    const message = this.current;
    message.text += delta;
    const location = { item_id: message.id, output_index: message.outputIndex, content_index: 0 };
    return out + this.frame({ type: 'response.output_text.delta', ...location, delta, logprobs: [] });
  }

  private reasoningDelta(delta: string): string {
    let out = '';
    if (this.current?.kind !== 'reasoning') {
      out += this.closeCurrent('completed');
      const { id, outputIndex } = this.allocate('rs');
      this.current = { kind: 'reasoning', id, outputIndex, text: '' };
      const item = { id, type: 'reasoning', summary: [] };
      out += this.frame({ type: 'response.output_item.added', output_index: outputIndex, item });
      const location = { item_id: id, output_index: outputIndex, summary_index: 0 };
      out += this.frame({
        type: 'response.reasoning_summary_part.added',
        ...location,
        part: { type: 'summary_text', text: '' },
      });
    }
    const reasoning = this.current;
    reasoning.text += delta;
    const location = { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0 };
    return out + this.frame({ type: 'response.reasoning_summary_text.delta', ...location, delta });
  }

  /** A signature closes the reasoning it signs; one without open reasoning (Gemini) becomes its own item. */
  private reasoningSignature(signature: string): string {
    if (this.current?.kind === 'reasoning') return this.closeReasoning(this.current, signature);
    return this.closeCurrent('completed') + this.wholeReasoningItem(signature);
  }

  private wholeReasoningItem(encrypted: string): string {
    const { id, outputIndex } = this.allocate('rs');
    const item: WireOutputItem = { id, type: 'reasoning', summary: [], encrypted_content: encrypted };
    this.items[outputIndex] = item;
    return (
      this.frame({ type: 'response.output_item.added', output_index: outputIndex, item }) +
      this.frame({ type: 'response.output_item.done', output_index: outputIndex, item })
    );
  }

  private toolStart(id: string, name: string): string {
    if (this.calls.has(id)) return '';
    const out = this.closeCurrent('completed');
    const { id: fcId, outputIndex } = this.allocate('fc');
    this.calls.set(id, { id: fcId, outputIndex, callId: id, name, arguments: '' });
    const item = { id: fcId, type: 'function_call', status: 'in_progress', arguments: '', call_id: id, name };
    return out + this.frame({ type: 'response.output_item.added', output_index: outputIndex, item });
  }

  private toolDelta(id: string, delta: string): string {
    const call = this.calls.get(id);
    if (!call || delta === '') return '';
    call.arguments += delta;
    return this.frame({
      type: 'response.function_call_arguments.delta',
      item_id: call.id,
      output_index: call.outputIndex,
      delta,
    });
  }

  private closeCall(call: OpenCall, status: ItemStatus): string {
    this.calls.delete(call.callId);
    const location = { item_id: call.id, output_index: call.outputIndex };
    let out = '';
    if (call.arguments === '') {
      // Clients that only concatenate deltas must still see complete JSON arguments.
      call.arguments = completeArguments('');
      out += this.frame({ type: 'response.function_call_arguments.delta', ...location, delta: call.arguments });
    }
    const { name, arguments: args } = call;
    out += this.frame({ type: 'response.function_call_arguments.done', ...location, name, arguments: args });
    const item: WireOutputItem = {
      id: call.id,
      type: 'function_call',
      status,
      arguments: args,
      call_id: call.callId,
      name,
    };
    this.items[call.outputIndex] = item;
    return out + this.frame({ type: 'response.output_item.done', output_index: call.outputIndex, item });
  }

  private closeMessage(message: OpenItem, status: ItemStatus): string {
    const location = { item_id: message.id, output_index: message.outputIndex, content_index: 0 };
    const part = outputTextPart(message.text);
    const item: WireOutputItem = { id: message.id, type: 'message', status, content: [part], role: 'assistant' };
    this.items[message.outputIndex] = item;
    return (
      this.frame({ type: 'response.output_text.done', ...location, text: message.text, logprobs: [] }) +
      this.frame({ type: 'response.content_part.done', ...location, part }) +
      this.frame({ type: 'response.output_item.done', output_index: message.outputIndex, item })
    );
  }

  private closeReasoning(reasoning: OpenItem, signature?: string): string {
    this.current = undefined;
    const location = { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0 };
    const summary = { type: 'summary_text' as const, text: reasoning.text };
    const item: WireOutputItem = {
      id: reasoning.id,
      type: 'reasoning',
      summary: [summary],
      ...(signature ? { encrypted_content: signature } : {}),
    };
    this.items[reasoning.outputIndex] = item;
    return (
      this.frame({ type: 'response.reasoning_summary_text.done', ...location, text: reasoning.text }) +
      this.frame({ type: 'response.reasoning_summary_part.done', ...location, part: summary }) +
      this.frame({ type: 'response.output_item.done', output_index: reasoning.outputIndex, item })
    );
  }

  private closeCurrent(status: ItemStatus): string {
    const current = this.current;
    if (!current) return '';
    this.current = undefined;
    return current.kind === 'message' ? this.closeMessage(current, status) : this.closeReasoning(current);
  }

  private closeAll(status: ItemStatus): string {
    let out = this.closeCurrent(status);
    for (const call of [...this.calls.values()]) out += this.closeCall(call, status);
    return out;
  }
}

export function createResponsesStreamEncoder(context: ResponseContext): StreamEncoder {
  return new ResponsesStreamEncoder(context);
}
