import { toReasoningEffort } from '../../providers/adapters/openai/build-openai-chat-request.js';
import { isRecord, surroundSystemRoleMessages, type WireEditor, without } from './wire-editor.js';

const systemRoles = new Set(['system', 'developer']);

/**
 * OpenAI Chat Completions: system content lives in `system` and `developer` messages; reasoning in
 * `reasoning_effort` (OpenAI) or a `reasoning` object (OpenRouter and clients built for it).
 */
export const openaiChatEditor: WireEditor = {
  addSystemPrompt: (body, edit) => ({
    ...body,
    messages: surroundSystemRoleMessages(body.messages, edit, systemRoles, (text) => ({ type: 'text', text })),
  }),
  asksForReasoning: (body) =>
    (body.reasoning_effort !== undefined && body.reasoning_effort !== null) || isRecord(body.reasoning),
  stripReasoning: (body) => without(body, 'reasoning_effort', 'reasoning'),
  setReasoning: (body, reasoning) => {
    // Off sends nothing, as the adapter does: non-reasoning models reject any reasoning_effort.
    const effort = toReasoningEffort(reasoning);
    if (effort === undefined) return without(body, 'reasoning_effort', 'reasoning');
    if (isRecord(body.reasoning)) {
      // OpenRouter takes effort or max_tokens, not both; keep its other switches (exclude, enabled).
      const { max_tokens: _budget, ...rest } = body.reasoning;
      return { ...without(body, 'reasoning_effort'), reasoning: { ...rest, effort } };
    }
    return { ...body, reasoning_effort: effort };
  },
};
