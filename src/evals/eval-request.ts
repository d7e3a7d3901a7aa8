import type { EvalCase } from './eval-suite.js';
import { isObject } from './json-schema-check.js';

/** One case as an OpenAI chat request to `target` (a model, alias or combo): the gateway's most common client shape. */
export function buildEvalRequest(entry: EvalCase, target: string): Record<string, unknown> {
  const messages: unknown[] = [];
  if (entry.system !== undefined) messages.push({ role: 'system', content: entry.system });
  if (entry.prompt !== undefined) messages.push({ role: 'user', content: entry.prompt });
  else messages.push(...(entry.messages ?? []));
  return {
    model: target,
    messages,
    stream: false,
    ...(entry.tools === undefined ? {} : { tools: entry.tools }),
    ...(entry.toolChoice === undefined ? {} : { tool_choice: entry.toolChoice }),
    ...(entry.responseFormat === undefined ? {} : { response_format: entry.responseFormat }),
    ...(entry.maxTokens === undefined ? {} : { max_tokens: entry.maxTokens }),
    ...(entry.temperature === undefined ? {} : { temperature: entry.temperature }),
  };
}

export interface ChatAnswer {
  text: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  inputTokens: number | null;
  outputTokens: number | null;
}

/** The parts of an OpenAI chat completion the checks read. Tool arguments are parsed when they are JSON. */
export function readChatAnswer(body: unknown): ChatAnswer {
  const choice = isObject(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
  const message = isObject(choice) && isObject(choice.message) ? choice.message : {};
  const text = typeof message.content === 'string' ? message.content : '';
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const toolCalls = calls.flatMap((call) => {
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
    if (fn === undefined || typeof fn.name !== 'string') return [];
    return [{ name: fn.name, arguments: parseArguments(fn.arguments) }];
  });
  const usage = isObject(body) && isObject(body.usage) ? body.usage : {};
  return {
    text,
    toolCalls,
    inputTokens: typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : null,
    outputTokens: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : null,
  };
}

function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The error message of an OpenAI-format error body, else a short form of the body. */
export function errorMessageOf(body: unknown, fallback: string): string {
  if (isObject(body) && isObject(body.error) && typeof body.error.message === 'string') return body.error.message;
  return fallback.slice(0, 300);
}
