import { toOllamaThink } from '../../providers/adapters/ollama/build-ollama-request.js';
import { surroundSystemRoleMessages, type WireEditor, without } from './wire-editor.js';

const systemRoles = new Set(['system']);

/** Ollama chat: system content is `system` messages (plain strings); reasoning is `think` (boolean or level). */
export const ollamaEditor: WireEditor = {
  addSystemPrompt: (body, edit) => ({
    ...body,
    messages: surroundSystemRoleMessages(body.messages, edit, systemRoles, (text) => ({ type: 'text', text })),
  }),
  asksForReasoning: (body) => body.think !== undefined && body.think !== null && body.think !== false,
  stripReasoning: (body) => without(body, 'think'),
  setReasoning: (body, reasoning) => {
    const think = toOllamaThink(reasoning);
    return think === undefined ? without(body, 'think') : { ...body, think };
  },
};
