/**
 * The canonical model: richer than any one wire format, so that translating A → canonical → B loses
 * nothing that both A and B can express (Anthropic thinking signatures, cache-control marks, Gemini
 * thought parts, tool call ids). Pure data, no behaviour.
 */

/** Anthropic-style prompt-caching mark; formats without caching drop it. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export type MediaSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string; mediaType?: string };

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
}

export interface ImagePart {
  type: 'image';
  source: MediaSource;
  /** OpenAI's image detail hint. */
  detail?: 'auto' | 'low' | 'high';
  cacheControl?: CacheControl;
}

export interface FilePart {
  type: 'file';
  source: MediaSource;
  filename?: string;
  cacheControl?: CacheControl;
}

export interface ToolCallPart {
  type: 'tool-call';
  /** Always present: generated for formats (Gemini) whose calls carry no id. */
  id: string;
  name: string;
  /** The arguments as a JSON object text, exactly as produced by the model. */
  arguments: string;
  /** Gemini 2.5+/3 thought signature attached to a function call; must be sent back with it. */
  signature?: string;
}

export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Gemini needs the function name on a result; other formats ignore it. */
  toolName?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
  cacheControl?: CacheControl;
}

export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** Anthropic thinking signature or Gemini thought signature; required to send the turn back. */
  signature?: string;
}

export interface RedactedReasoningPart {
  type: 'redacted-reasoning';
  /** Opaque encrypted reasoning (Anthropic `redacted_thinking.data`, Responses `encrypted_content`). */
  data: string;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ReasoningPart | RedactedReasoningPart | ToolCallPart;

export type CanonicalMessage =
  | { role: 'system'; content: TextPart[] }
  | { role: 'user'; content: UserContentPart[] }
  | { role: 'assistant'; content: AssistantContentPart[] }
  | { role: 'tool'; content: ToolResultPart[] };

export type JsonSchema = Record<string, unknown>;

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  inputSchema: JsonSchema;
  strict?: boolean;
  cacheControl?: CacheControl;
}

export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json'; schema?: JsonSchema; name?: string; description?: string; strict?: boolean };

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

export interface ReasoningConfig {
  /** false turns reasoning off where the upstream allows it. */
  enabled?: boolean;
  effort?: ReasoningEffort;
  budgetTokens?: number;
}

export interface CanonicalRequest {
  /** The upstream model id (provider prefix already removed by routing). */
  model: string;
  /** System messages stay inline (OpenAI allows them anywhere); adapters hoist them when needed. */
  messages: CanonicalMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  stopSequences?: string[];
  frequencyPenalty?: number;
  presencePenalty?: number;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  stream: boolean;
  /** End-user identifier for upstream abuse tracking. */
  user?: string;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/**
 * Token usage. `inputTokens` is the whole prompt, including cached and cache-write tokens
 * (OpenAI's convention); adapters for Anthropic add its separate cache counters back in.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /** Images generated (image endpoints; billed per image where the price says so). */
  images?: number;
  /** Seconds of audio transcribed (billed per minute where the price says so). */
  audioSeconds?: number;
}

export interface CanonicalResponse {
  id: string;
  model: string;
  content: AssistantContentPart[];
  finishReason: FinishReason;
  usage?: Usage;
  /** Unix seconds. */
  created?: number;
}

/** Output of a converter: the value plus harmless losses worth telling the user about. */
export interface Converted<T> {
  value: T;
  warnings: string[];
}
