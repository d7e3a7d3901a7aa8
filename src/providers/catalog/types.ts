import type { WireFormat } from '../../core/wire-format.js';

/**
 * How a provider expects its credential: `Authorization: Bearer`, `x-api-key`, `x-goog-api-key`,
 * `Authorization: Token` (Deepgram), the bare key as `Authorization` (AssemblyAI), or nothing.
 */
export type AuthStyle = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'token' | 'authorization' | 'none';

/** What a connection to the provider holds: an API key, nothing (a local server), or OAuth tokens. */
export type ProviderKind = 'api-key' | 'local' | 'oauth';

export type ModelType = 'chat' | 'embedding' | 'image' | 'transcription';

/** List prices in USD per million tokens, plus per-unit prices for media models. */
export interface ModelPricing {
  input: number;
  output: number;
  /** Price of input tokens read from the provider's prompt cache. */
  cachedInput?: number;
  /** Price of input tokens written to the prompt cache (Anthropic's 5-minute cache write). */
  cacheWrite?: number;
  /** Price of reasoning tokens when the provider bills them apart from output. */
  reasoning?: number;
  /** USD per generated image (models billed per image rather than, or on top of, tokens). */
  perImage?: number;
  /** USD per minute of audio (transcription models billed by duration). */
  perMinute?: number;
}

export interface ModelDefinition {
  /** The id sent upstream; it may contain `/` (`meta-llama/Llama-3.3-70B-Instruct`). */
  id: string;
  name?: string;
  type: ModelType;
  contextLength?: number;
  maxOutputTokens?: number;
  /** Overrides the provider's wire format for this model (a Responses-only OpenAI model, say). */
  format?: WireFormat;
  /** Omitted when there is no known list price (free tiers, per-minute or per-image billing). */
  pricing?: ModelPricing;
  supportsReasoning?: boolean;
  supportsVision?: boolean;
  supportsTools?: boolean;
}

export interface ProviderDefinition {
  /** Lowercase, used as the model prefix: `openai/gpt-4.1`. */
  id: string;
  /** A short second prefix (`ds/deepseek-chat`); unique across every id and alias. */
  alias?: string;
  name: string;
  category: 'api' | 'local' | 'subscription' | 'aggregator';
  kind: ProviderKind;
  format: WireFormat;
  /** Without a trailing slash; the adapter appends its own path (`/chat/completions`, `/messages`, ...). */
  baseUrl: string;
  authStyle: AuthStyle;
  /** Static headers the upstream requires, e.g. `anthropic-version`. */
  headers?: Record<string, string>;
  apiKeyRequired: boolean;
  docsUrl?: string;
  /** True when the upstream lists models at `GET {baseUrl}/models` in the OpenAI shape. */
  modelsEndpoint?: boolean;
  /** The upstream accepts `stream_options.include_usage` (OpenAI format only). */
  supportsStreamUsage?: boolean;
  /** Known models; local providers list none and take theirs from the upstream. */
  models: ModelDefinition[];
}
