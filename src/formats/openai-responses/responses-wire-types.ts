/**
 * The subset of the Responses API output shapes this codec writes. `responses-wire-types.test.ts` checks at
 * compile time that each is assignable to the official SDK type (node_modules/openai/resources/responses),
 * so every field the SDK marks as required is present.
 */

export interface WireOutputText {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs: [];
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface WireMessageItem {
  id: string;
  type: 'message';
  status: ItemStatus;
  content: WireOutputText[];
  role: 'assistant';
}

export interface WireSummaryText {
  type: 'summary_text';
  text: string;
}

export interface WireReasoningItem {
  id: string;
  type: 'reasoning';
  summary: WireSummaryText[];
  encrypted_content?: string;
}

export interface WireFunctionCallItem {
  id: string;
  type: 'function_call';
  status: ItemStatus;
  arguments: string;
  call_id: string;
  name: string;
}

export type WireOutputItem = WireMessageItem | WireReasoningItem | WireFunctionCallItem;

export interface WireUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** Codes from the SDK's `ResponseError.code` that canonical errors map onto. */
export type WireResponseErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';

export interface WireResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  background: boolean;
  error: { code: WireResponseErrorCode; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: null;
  max_output_tokens: null;
  metadata: Record<string, string>;
  model: string;
  output: WireOutputItem[];
  /** An SDK convenience the API itself does not send; filled so strictly typed clients find it. */
  output_text: string;
  parallel_tool_calls: boolean;
  previous_response_id: null;
  temperature: null;
  text: { format: { type: 'text' } };
  tool_choice: 'auto';
  tools: [];
  top_p: null;
  truncation: 'disabled';
  usage?: WireUsage;
}
