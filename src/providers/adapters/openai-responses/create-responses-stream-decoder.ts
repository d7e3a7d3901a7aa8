import type { StreamDecoder, WireEvent } from '../../../core/codec.js';
import { GatewayError } from '../../../core/errors.js';
import type { StreamPart } from '../../../core/stream-parts.js';
import { messageTextOf, readOutputItem, reasoningTextOf } from './convert-output-item.js';
import { errorKindForCode } from './error-kind-for-code.js';
import { finishReasonFor } from './finish-reason-for.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import { errorDetailSchema, type OutputItem, responseSchema } from './responses-response-schema.js';

type Payload = Record<string, unknown>;

function parsePayload(text: string): Payload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new GatewayError('upstream_error', 'Upstream Responses stream sent an event that is not JSON', { cause });
  }
  if (typeof value !== 'object' || value === null) {
    throw new GatewayError('upstream_error', 'Upstream Responses stream sent an event that is not a JSON object');
  }
  return value as Payload;
}

const text = (payload: Payload, key: string): string | undefined =>
  typeof payload[key] === 'string' ? payload[key] : undefined;
const number = (payload: Payload, key: string): number | undefined =>
  typeof payload[key] === 'number' ? payload[key] : undefined;

interface CallState {
  callId: string;
  itemId: string | undefined;
  outputIndex: number | undefined;
  argumentsSent: boolean;
}

/**
 * Responses SSE events → canonical parts. Reasoning summary text becomes reasoning deltas (summary parts joined
 * by a blank line) and the item's final `encrypted_content` (from `output_item.done`; the value on `added` is
 * superseded) its signature. Events that repeat content already streamed (`*.done`) only fill in what no delta
 * carried, so proxies that send whole items still produce every part once.
 */
class ResponsesStreamDecoder implements StreamDecoder {
  private started = false;
  private ended = false;
  private hasToolCalls = false;
  private nextToolIndex = 0;
  private readonly callsByItemId = new Map<string, CallState>();
  private readonly callsByOutputIndex = new Map<number, CallState>();
  /** Last summary/content index streamed per reasoning item: a new index means a new paragraph. */
  private readonly reasoningIndex = new Map<string, number>();
  private readonly messagesWithText = new Set<string>();

  decode(event: WireEvent): StreamPart[] {
    const data = event.data.trim();
    if (data === '' || data === '[DONE]' || this.ended) return [];
    const payload = parsePayload(data);
    const type = text(payload, 'type') ?? event.event ?? '';
    const parts: StreamPart[] = [];
    if (!this.started) {
      this.started = true;
      const response = typeof payload.response === 'object' && payload.response !== null ? payload.response : {};
      const { id, model } = response as Payload;
      parts.push({
        type: 'start',
        ...(typeof id === 'string' ? { id } : {}),
        ...(typeof model === 'string' ? { model } : {}),
      });
    }
    this.handle(type, payload, parts);
    return parts;
  }

  end(): StreamPart[] {
    if (this.ended) return [];
    return this.closeCalls();
  }

  private handle(type: string, payload: Payload, parts: StreamPart[]): void {
    switch (type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const delta = text(payload, 'delta');
        const itemId = text(payload, 'item_id');
        if (itemId) this.messagesWithText.add(itemId);
        if (delta) parts.push({ type: 'text-delta', text: delta });
        return;
      }
      case 'response.reasoning_summary_text.delta':
        this.reasoningDelta(payload, number(payload, 'summary_index'), parts);
        return;
      case 'response.reasoning_text.delta':
        this.reasoningDelta(payload, number(payload, 'content_index'), parts);
        return;
      case 'response.function_call_arguments.delta': {
        const call = this.findCall(payload);
        const delta = text(payload, 'delta');
        if (call && delta) {
          call.argumentsSent = true;
          parts.push({ type: 'tool-input-delta', id: call.callId, delta });
        }
        return;
      }
      case 'response.function_call_arguments.done': {
        const call = this.findCall(payload);
        const args = text(payload, 'arguments');
        if (call && args && !call.argumentsSent) {
          call.argumentsSent = true;
          parts.push({ type: 'tool-input-delta', id: call.callId, delta: args });
        }
        return;
      }
      case 'response.output_item.added': {
        const item = readOutputItem(payload.item);
        if (item?.type === 'function_call') this.startCall(item, number(payload, 'output_index'), parts);
        return;
      }
      case 'response.output_item.done': {
        const item = readOutputItem(payload.item);
        if (item) this.itemDone(item, number(payload, 'output_index'), parts);
        return;
      }
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        this.lifecycleEnd(type, payload, parts);
        return;
      case 'error': {
        const nested = errorDetailSchema.safeParse(payload.error);
        const detail = nested.success ? nested.data : errorDetailSchema.safeParse(payload).data;
        this.ended = true;
        const kind = errorKindForCode(detail?.code, detail?.type);
        parts.push({ type: 'error', kind, message: detail?.message ?? 'Upstream stream error' });
        return;
      }
      default:
        // Lifecycle (created, in_progress), content_part and *.done events repeat what deltas carried;
        // built-in tool events have no canonical form.
        return;
    }
  }

  private reasoningDelta(payload: Payload, index: number | undefined, parts: StreamPart[]): void {
    const itemId = text(payload, 'item_id') ?? '';
    const delta = text(payload, 'delta');
    if (!delta) return;
    const previous = this.reasoningIndex.get(itemId);
    if (previous !== undefined && index !== undefined && previous !== index) {
      parts.push({ type: 'reasoning-delta', text: '\n\n' });
    }
    this.reasoningIndex.set(itemId, index ?? previous ?? 0);
    parts.push({ type: 'reasoning-delta', text: delta });
  }

  private findCall(payload: Payload): CallState | undefined {
    const itemId = text(payload, 'item_id');
    const outputIndex = number(payload, 'output_index');
    return (
      (itemId === undefined ? undefined : this.callsByItemId.get(itemId)) ??
      (outputIndex === undefined ? undefined : this.callsByOutputIndex.get(outputIndex))
    );
  }

  private startCall(
    item: Extract<OutputItem, { type: 'function_call' }>,
    outputIndex: number | undefined,
    parts: StreamPart[],
  ): CallState {
    const call: CallState = { callId: item.call_id, itemId: item.id ?? undefined, outputIndex, argumentsSent: false };
    if (call.itemId !== undefined) this.callsByItemId.set(call.itemId, call);
    if (outputIndex !== undefined) this.callsByOutputIndex.set(outputIndex, call);
    this.hasToolCalls = true;
    parts.push({ type: 'tool-input-start', id: item.call_id, name: item.name, index: this.nextToolIndex++ });
    if (item.arguments) {
      call.argumentsSent = true;
      parts.push({ type: 'tool-input-delta', id: item.call_id, delta: item.arguments });
    }
    return call;
  }

  private endCall(call: CallState, parts: StreamPart[]): void {
    if (call.itemId !== undefined) this.callsByItemId.delete(call.itemId);
    if (call.outputIndex !== undefined) this.callsByOutputIndex.delete(call.outputIndex);
    parts.push({ type: 'tool-input-end', id: call.callId });
  }

  private itemDone(item: OutputItem, outputIndex: number | undefined, parts: StreamPart[]): void {
    switch (item.type) {
      case 'function_call': {
        const lookup = { ...(item.id ? { item_id: item.id } : {}), output_index: outputIndex };
        const call = this.findCall(lookup) ?? this.startCall(item, outputIndex, parts);
        if (!call.argumentsSent) {
          call.argumentsSent = true;
          parts.push({ type: 'tool-input-delta', id: call.callId, delta: item.arguments || '{}' });
        }
        this.endCall(call, parts);
        return;
      }
      case 'reasoning': {
        const streamed = this.reasoningIndex.has(item.id ?? '');
        const readable = reasoningTextOf(item);
        if (!streamed && readable) parts.push({ type: 'reasoning-delta', text: readable });
        const encrypted = item.encrypted_content;
        if (encrypted && (streamed || readable)) parts.push({ type: 'reasoning-signature', signature: encrypted });
        else if (encrypted) parts.push({ type: 'redacted-reasoning', data: encrypted });
        return;
      }
      case 'message':
        if (!this.messagesWithText.has(item.id ?? '')) {
          for (const message of messageTextOf(item)) parts.push({ type: 'text-delta', text: message });
        }
        return;
      default: {
        const unreachable: never = item;
        throw new Error(`Unhandled output item ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private closeCalls(): StreamPart[] {
    const parts: StreamPart[] = [];
    const open = new Set([...this.callsByItemId.values(), ...this.callsByOutputIndex.values()]);
    for (const call of open) this.endCall(call, parts);
    return parts;
  }

  private lifecycleEnd(type: string, payload: Payload, parts: StreamPart[]): void {
    this.ended = true;
    const parsed = responseSchema.partial().safeParse(payload.response);
    const response = parsed.success ? parsed.data : {};
    parts.push(...this.closeCalls());
    if (response.usage) parts.push({ type: 'usage', usage: mapResponsesUsage(response.usage) });
    if (type === 'response.failed' || response.status === 'failed') {
      const kind = errorKindForCode(response.error?.code, response.error?.type);
      parts.push({ type: 'error', kind, message: response.error?.message ?? 'The upstream response failed' });
      return;
    }
    const reason = finishReasonFor({
      status: response.status ?? (type === 'response.incomplete' ? 'incomplete' : 'completed'),
      incompleteReason: response.incomplete_details?.reason,
      hasToolCalls: this.hasToolCalls,
    });
    parts.push({ type: 'finish', reason });
  }
}

export function createResponsesStreamDecoder(): StreamDecoder {
  return new ResponsesStreamDecoder();
}
