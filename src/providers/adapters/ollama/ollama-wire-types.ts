/**
 * The subset of Ollama's `/api/chat` request we write (node_modules/ollama/dist/browser.d.ts `ChatRequest`,
 * `Message`, `ToolCall`, `Tool`, `Options`).
 */
export interface OllamaToolCall {
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  thinking?: string;
  /** Bare base64, no data-URL prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  tool_name?: string;
}

export interface OllamaTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export interface OllamaOptions {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  seed?: number;
  stop?: string[];
  num_predict?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
}

export type OllamaThink = boolean | 'low' | 'medium' | 'high';

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  tools?: OllamaTool[];
  format?: 'json' | Record<string, unknown>;
  options?: OllamaOptions;
  think?: OllamaThink;
  stream: boolean;
}
