import type { FinishReason, Usage } from '../../core/canonical.js';
import type {
  ResponseStatus,
  WireOutputItem,
  WireOutputText,
  WireResponse,
  WireResponseErrorCode,
  WireUsage,
} from './responses-wire-types.js';

/** Response ids carry OpenAI's `resp_` prefix; other upstreams' ids are kept inside it so logs still match. */
export function toResponseId(raw: string): string {
  if (raw.startsWith('resp_')) return raw;
  return `resp_${raw.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** Item ids (`msg_…`, `rs_…`, `fc_…`) derived from the response id: unique within and across responses. */
export function itemId(prefix: 'msg' | 'rs' | 'fc', responseId: string, outputIndex: number): string {
  return `${prefix}_${responseId.slice('resp_'.length)}_${outputIndex}`;
}

export function outputTextPart(text: string): WireOutputText {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

export function renderUsage(usage: Usage): WireUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      cache_write_tokens: usage.cacheWriteTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export interface Outcome {
  status: Exclude<ResponseStatus, 'in_progress'>;
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  error?: { code: WireResponseErrorCode; message: string };
}

/** Canonical finish reason → Responses status (`incomplete_details.reason` carries length and content filter). */
export function outcomeFor(reason: FinishReason): Outcome {
  switch (reason) {
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed' };
    case 'length':
      return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', incompleteReason: 'content_filter' };
    case 'error':
      return {
        status: 'failed',
        error: { code: 'server_error', message: 'The upstream model stopped with an error.' },
      };
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

function outputText(output: WireOutputItem[]): string {
  let text = '';
  for (const item of output) {
    if (item.type === 'message') for (const part of item.content) text += part.text;
  }
  return text;
}

export interface ResponseObjectInput {
  id: string;
  model: string;
  createdAt: number;
  outcome: Outcome | { status: 'in_progress' };
  output: WireOutputItem[];
  usage?: Usage;
}

/**
 * The full `Response` object, as returned by `POST /responses` and carried by the stream's lifecycle events.
 * Request echo fields (tools, temperature, …) hold neutral values: the codec renders from the canonical answer,
 * which does not carry the request.
 */
export function buildResponseObject({
  id,
  model,
  createdAt,
  outcome,
  output,
  usage,
}: ResponseObjectInput): WireResponse {
  const incompleteReason = 'incompleteReason' in outcome ? outcome.incompleteReason : undefined;
  const error = 'error' in outcome ? outcome.error : undefined;
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: outcome.status,
    background: false,
    error: error ?? null,
    incomplete_details: incompleteReason ? { reason: incompleteReason } : null,
    instructions: null,
    max_output_tokens: null,
    metadata: {},
    model,
    output,
    output_text: outputText(output),
    parallel_tool_calls: true,
    previous_response_id: null,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    ...(usage ? { usage: renderUsage(usage) } : {}),
  };
}
