// The deterministic "model": what every format answers, decided once from a format-neutral view of the request.
import { isRecord } from './request-fields.mjs';

/**
 * @typedef {{ name: string, parameters: unknown }} ToolDefinition
 * @typedef {{ type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool', name: string }} ToolChoice
 * @typedef {object} ConversationView
 * @property {string | undefined} model
 * @property {string} lastUserText text of the last user message (directives are read from it)
 * @property {string[] | undefined} toolResults texts of the tool results that end the conversation, if it ends so
 * @property {number} chars total characters of all message text
 * @property {number} cached `[[mock:cached=N]]` found anywhere in the prompt, else 0
 * @property {ToolDefinition[]} tools
 * @property {ToolChoice} toolChoice
 * @property {boolean} reasoning whether the request asked for reasoning in its format's own way
 *
 * @typedef {{ name: string, arguments: string, pieces: string[] }} PlannedToolCall
 * @typedef {{ input: number, cached: number, output: number, reasoning: number }} PlannedUsage
 *   `output` counts the visible answer (text words, 5 per tool call); `reasoning` is counted apart so each format
 *   can report it the way it does (OpenAI and Anthropic include it in output tokens, Gemini does not).
 * @typedef {object} ReplyPlan
 * @property {string} text empty when the model calls tools
 * @property {string | undefined} reasoning
 * @property {PlannedToolCall[]} toolCalls
 * @property {PlannedUsage} usage
 */

const PROMPT_PREVIEW = 200;
const TOOL_CALL_TOKENS = 5;
const CACHED_DIRECTIVE = /\[\[mock:cached=(\d+)\]\]/;

/** @returns {{ chars: number, cached: number }} */
export function createTally() {
  return { chars: 0, cached: 0 };
}

/** Adds one piece of prompt text to the running character count. @param {{ chars: number, cached: number }} tally @param {string} text */
export function addText(tally, text) {
  tally.chars += text.length;
  if (text.includes('[[mock:cached=')) {
    const match = CACHED_DIRECTIVE.exec(text);
    if (match) tally.cached = Number(match[1]);
  }
}

/** @type {ConversationView} */
export const EMPTY_VIEW = Object.freeze({
  model: undefined,
  lastUserText: '',
  toolResults: undefined,
  chars: 0,
  cached: 0,
  tools: [],
  toolChoice: /** @type {ToolChoice} */ ({ type: 'auto' }),
  reasoning: false,
});

/**
 * @param {{ format: string, view: ConversationView, parallel?: boolean }} options
 * @returns {ReplyPlan}
 */
export function planReply({ format, view, parallel = false }) {
  const { lastUserText, toolResults, tools, toolChoice, reasoning: wantsReasoning, chars, cached } = view;
  const preview = lastUserText.slice(0, PROMPT_PREVIEW);
  const reasoning = wantsReasoning ? `Mock reasoning about: ${preview}` : undefined;
  /** @type {PlannedToolCall[]} */
  let toolCalls = [];
  let text = '';
  if (toolResults !== undefined) text = `Mock ${format} got tool result: ${toolResults.join(' | ')}`;
  else if (tools.length > 0 && toolChoice.type !== 'none') toolCalls = chooseToolCalls(tools, toolChoice, parallel);
  else text = `Mock ${format} reply to: ${preview}`;
  return {
    text,
    reasoning,
    toolCalls,
    usage: {
      input: Math.ceil(chars / 4),
      cached,
      output: countWords(text) + TOOL_CALL_TOKENS * toolCalls.length,
      reasoning: reasoning === undefined ? 0 : countWords(reasoning),
    },
  };
}

/**
 * @param {ToolDefinition[]} tools
 * @param {ToolChoice} toolChoice
 * @param {boolean} parallel
 * @returns {PlannedToolCall[]}
 */
function chooseToolCalls(tools, toolChoice, parallel) {
  const forced = toolChoice.type === 'tool' ? toolChoice.name : undefined;
  const first = (forced && tools.find((tool) => tool.name === forced)) || (forced ? { name: forced } : tools[0]);
  if (first === undefined) return [];
  const chosen = [first];
  if (parallel) chosen.push(forced ? first : (tools[1] ?? first));
  return chosen.map((tool) => {
    const json = JSON.stringify(toolArguments('parameters' in tool ? tool.parameters : undefined));
    return { name: tool.name, arguments: json, pieces: splitPieces(json, 3) };
  });
}

/**
 * `{"location":"Paris"}` when the schema has a location property, else every required property set to "mock".
 * @param {unknown} schema
 * @returns {Record<string, string>}
 */
function toolArguments(schema) {
  if (!isRecord(schema)) return {};
  if (isRecord(schema.properties) && 'location' in schema.properties) return { location: 'Paris' };
  /** @type {Record<string, string>} */
  const args = {};
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') args[name] = 'mock';
  }
  return args;
}

/** Splits text into about `count` pieces (at least 2 when it has 2 characters). @param {string} text @param {number} count */
function splitPieces(text, count) {
  const size = Math.max(1, Math.ceil(text.length / count));
  const pieces = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

const WORD_PIECE = /\S+\s*/g;

/** Word pieces (each word with its trailing whitespace) whose concatenation is the text. @param {string} text */
export function splitWords(text) {
  return text.match(WORD_PIECE) ?? [];
}

const WORD = /\S+/g;

/** Number of whitespace-separated words. @param {string} text */
export function countWords(text) {
  return text.match(WORD)?.length ?? 0;
}
