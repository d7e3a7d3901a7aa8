/**
 * The shapes this adapter sends to `POST /v1/messages`: a subset of `MessageCreateParams` in
 * node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts, written out so the request is built against
 * the API version we target (2023-06-01 semantics, the catalog's `anthropic-version`) rather than the SDK's.
 */

export interface WireCacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export interface WireTextBlock {
  type: 'text';
  text: string;
  cache_control?: WireCacheControl;
}

export interface WireImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
  cache_control?: WireCacheControl;
}

export interface WireDocumentBlock {
  type: 'document';
  source:
    | { type: 'base64'; media_type: string; data: string }
    | { type: 'text'; media_type: 'text/plain'; data: string }
    | { type: 'url'; url: string };
  title?: string;
  cache_control?: WireCacheControl;
}

export interface WireToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<WireTextBlock | WireImageBlock>;
  is_error?: boolean;
  cache_control?: WireCacheControl;
}

export interface WireThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface WireRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export interface WireToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type WireUserBlock = WireTextBlock | WireImageBlock | WireDocumentBlock | WireToolResultBlock;
export type WireAssistantBlock = WireTextBlock | WireThinkingBlock | WireRedactedThinkingBlock | WireToolUseBlock;

export type WireMessage =
  | { role: 'user'; content: WireUserBlock[] }
  | { role: 'assistant'; content: WireAssistantBlock[] };

export interface WireTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
  cache_control?: WireCacheControl;
}

export type WireToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type WireThinking = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' } | { type: 'adaptive' };

export interface WireRequest {
  model: string;
  max_tokens: number;
  messages: WireMessage[];
  system?: string | WireTextBlock[];
  tools?: WireTool[];
  tool_choice?: WireToolChoice;
  thinking?: WireThinking;
  output_config?: {
    effort?: 'low' | 'medium' | 'high';
    format?: { type: 'json_schema'; schema: Record<string, unknown> };
  };
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  stream?: boolean;
}
