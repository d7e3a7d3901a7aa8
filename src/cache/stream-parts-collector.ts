import type { AssistantContentPart, CanonicalResponse, FinishReason, ToolCallPart, Usage } from '../core/canonical.js';
import type { StreamPart } from '../core/stream-parts.js';

/** Folds a canonical stream back into the canonical response it describes (the inverse of `toStreamParts`). */
export class StreamPartsCollector {
  private readonly content: AssistantContentPart[] = [];
  private readonly toolCalls = new Map<string, ToolCallPart>();
  private id = '';
  private model = '';
  private usage: Usage | undefined;
  private finishReason: FinishReason | undefined;
  private failed = false;

  add(parts: readonly StreamPart[]): void {
    for (const part of parts) this.addPart(part);
  }

  /** The whole answer, or undefined when the stream failed or never finished (a cut stream is not an answer). */
  result(): CanonicalResponse | undefined {
    if (this.failed || this.finishReason === undefined) return undefined;
    return {
      id: this.id,
      model: this.model,
      content: this.content,
      finishReason: this.finishReason,
      ...(this.usage === undefined ? {} : { usage: this.usage }),
    };
  }

  private addPart(part: StreamPart): void {
    const last = this.content.at(-1);
    switch (part.type) {
      case 'start':
        this.id = part.id ?? this.id;
        this.model = part.model ?? this.model;
        return;
      case 'text-delta':
        if (last?.type === 'text') last.text += part.text;
        else this.content.push({ type: 'text', text: part.text });
        return;
      case 'reasoning-delta':
        if (last?.type === 'reasoning' && last.signature === undefined) last.text += part.text;
        else this.content.push({ type: 'reasoning', text: part.text });
        return;
      case 'reasoning-signature':
        if (last?.type === 'reasoning') last.signature = part.signature;
        else this.content.push({ type: 'reasoning', text: '', signature: part.signature });
        return;
      case 'redacted-reasoning':
        this.content.push({ type: 'redacted-reasoning', data: part.data });
        return;
      case 'tool-input-start': {
        const call: ToolCallPart = { type: 'tool-call', id: part.id, name: part.name, arguments: '' };
        if (part.signature !== undefined) call.signature = part.signature;
        this.toolCalls.set(part.id, call);
        this.content.push(call);
        return;
      }
      case 'tool-input-delta': {
        const call = this.toolCalls.get(part.id);
        if (call !== undefined) call.arguments += part.delta;
        return;
      }
      case 'tool-input-end':
        return;
      case 'usage':
        this.usage = part.usage;
        return;
      case 'finish':
        this.finishReason = part.reason;
        return;
      case 'error':
        this.failed = true;
        return;
      default: {
        const unknown: never = part;
        throw new RangeError(`unknown stream part ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/** A canonical response as the canonical stream that carries it: what a client encoder needs to replay it. */
export function toStreamParts(response: CanonicalResponse): StreamPart[] {
  const parts: StreamPart[] = [{ type: 'start', model: response.model, ...(response.id ? { id: response.id } : {}) }];
  let toolIndex = 0;
  for (const part of response.content) {
    switch (part.type) {
      case 'text':
        parts.push({ type: 'text-delta', text: part.text });
        break;
      case 'reasoning':
        if (part.text !== '') parts.push({ type: 'reasoning-delta', text: part.text });
        if (part.signature !== undefined) parts.push({ type: 'reasoning-signature', signature: part.signature });
        break;
      case 'redacted-reasoning':
        parts.push({ type: 'redacted-reasoning', data: part.data });
        break;
      case 'tool-call':
        parts.push(
          { type: 'tool-input-start', id: part.id, name: part.name, index: toolIndex, signature: part.signature },
          { type: 'tool-input-delta', id: part.id, delta: part.arguments },
          { type: 'tool-input-end', id: part.id },
        );
        toolIndex += 1;
        break;
      default: {
        const unknown: never = part;
        throw new RangeError(`unknown content part ${JSON.stringify(unknown)}`);
      }
    }
  }
  if (response.usage !== undefined) parts.push({ type: 'usage', usage: response.usage });
  parts.push({ type: 'finish', reason: response.finishReason });
  return parts;
}
