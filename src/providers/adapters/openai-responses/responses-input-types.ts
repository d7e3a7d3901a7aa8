/** The Responses input items this adapter writes (a subset of `ResponseInputItem` in the openai SDK types). */

export type InputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail?: 'auto' | 'low' | 'high' }
  | { type: 'input_file'; file_data: string; filename: string }
  | { type: 'input_file'; file_url: string; filename?: string };

export type ToolOutputContent = Extract<InputContent, { type: 'input_text' | 'input_image' }>;

export type InputItem =
  | { type: 'message'; role: 'user' | 'developer'; content: InputContent[] }
  | { type: 'message'; role: 'assistant'; content: Array<{ type: 'output_text'; text: string }> }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string | ToolOutputContent[] }
  /** Sent without `id`: with `store: false` an id makes OpenAI look the item up and fail ("not persisted"). */
  | { type: 'reasoning'; summary: Array<{ type: 'summary_text'; text: string }>; encrypted_content: string };
