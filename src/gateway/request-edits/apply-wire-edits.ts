import type { WireFormat } from '../../core/wire-format.js';
import { anthropicEditor } from './anthropic-editor.js';
import { geminiEditor } from './gemini-editor.js';
import { ollamaEditor } from './ollama-editor.js';
import { openaiChatEditor } from './openai-chat-editor.js';
import { openaiResponsesEditor } from './openai-responses-editor.js';
import { type EditTarget, type RequestEdits, reasoningFor } from './request-edits.js';
import type { WireBody, WireEditor } from './wire-editor.js';

export const wireEditors: Record<WireFormat, WireEditor> = {
  openai: openaiChatEditor,
  'openai-responses': openaiResponsesEditor,
  anthropic: anthropicEditor,
  gemini: geminiEditor,
  ollama: ollamaEditor,
};

/**
 * The pass-through path's edits on the client's own wire body (its format is the upstream's). Returns the same
 * object when there is nothing to do, so the default configuration costs nothing.
 * A budget is set where the request already asks for reasoning, or on a model the catalog knows to reason: forcing
 * reasoning fields on other models would make them fail (OpenAI rejects `reasoning_effort` on gpt-4.1).
 */
export function applyWireEdits(format: WireFormat, body: WireBody, edits: RequestEdits, target: EditTarget): WireBody {
  const editor = wireEditors[format];
  let next = body;
  if (edits.systemPrompt !== undefined) next = editor.addSystemPrompt(next, edits.systemPrompt);
  const thinking = edits.thinking;
  if (thinking?.type === 'strip') next = editor.stripReasoning(next);
  else if (thinking?.type === 'set' && (editor.asksForReasoning(next) || target.supportsReasoning)) {
    next = editor.setReasoning(next, reasoningFor(thinking), target);
  }
  return next;
}
