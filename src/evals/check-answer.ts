import { errorMessage } from '../core/errors.js';
import type { EvalCheck } from './eval-suite.js';
import { deepEqual, isObject, jsonSchemaViolation } from './json-schema-check.js';

/** What a target answered to one case, as the checks see it. */
export interface EvalAnswer {
  text: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  latencyMs: number;
  costUsd: number;
  /** False when no price is known for the model that answered (its cost reads 0). */
  priced: boolean;
}

export interface CheckOutcome {
  type: EvalCheck['type'];
  passed: boolean;
  /** Why it failed (or, when it passed, what was verified). */
  reason: string;
}

/** Runs every check against an answer. Pure: the same answer always gives the same outcomes. */
export function checkAnswer(answer: EvalAnswer, checks: readonly EvalCheck[]): CheckOutcome[] {
  return checks.map((check) => ({ type: check.type, ...runCheck(answer, check) }));
}

function runCheck(answer: EvalAnswer, check: EvalCheck): { passed: boolean; reason: string } {
  const { text } = answer;
  switch (check.type) {
    case 'contains': {
      const found = includes(text, check.value, check.caseSensitive);
      return verdict(found, `answer contains ${quote(check.value)}`, `answer does not contain ${quote(check.value)}`);
    }
    case 'not_contains': {
      const found = includes(text, check.value, check.caseSensitive);
      return verdict(!found, `answer does not contain ${quote(check.value)}`, `answer contains ${quote(check.value)}`);
    }
    case 'regex': {
      const matched = new RegExp(check.pattern, check.flags).test(text);
      return verdict(matched, `answer matches /${check.pattern}/`, `answer does not match /${check.pattern}/`);
    }
    case 'exact': {
      const same = check.caseSensitive
        ? text.trim() === check.value.trim()
        : text.trim().toLowerCase() === check.value.trim().toLowerCase();
      return verdict(same, 'answer is exactly as expected', `answer is not exactly ${quote(check.value)}`);
    }
    case 'valid_json': {
      const parsed = parseJson(text);
      return verdict(parsed.ok, 'answer is valid JSON', `answer is not valid JSON (${parsed.ok ? '' : parsed.error})`);
    }
    case 'json_schema': {
      const parsed = parseJson(text);
      if (!parsed.ok) return { passed: false, reason: `answer is not valid JSON (${parsed.error})` };
      const violation = jsonSchemaViolation(parsed.value, check.schema);
      return verdict(violation === undefined, 'answer matches the schema', `schema mismatch: ${violation}`);
    }
    case 'tool_call':
      return checkToolCall(answer, check);
    case 'max_latency_ms': {
      const latency = Math.round(answer.latencyMs);
      return verdict(
        latency <= check.value,
        `latency ${latency} ms ≤ ${check.value} ms`,
        `latency ${latency} ms > ${check.value} ms`,
      );
    }
    case 'max_cost_usd': {
      const cost = `$${answer.costUsd.toFixed(6)}`;
      const within = answer.costUsd <= check.value;
      const note = answer.priced ? '' : ' (no price known for this model)';
      return verdict(within, `cost ${cost} ≤ $${check.value}${note}`, `cost ${cost} > $${check.value}`);
    }
    default: {
      const unreachable: never = check;
      throw new Error(`unknown check ${JSON.stringify(unreachable)}`);
    }
  }
}

function checkToolCall(
  answer: EvalAnswer,
  check: Extract<EvalCheck, { type: 'tool_call' }>,
): { passed: boolean; reason: string } {
  const calls = answer.toolCalls.filter((call) => call.name === check.name);
  if (calls.length === 0) {
    const made = answer.toolCalls.map((call) => call.name);
    return {
      passed: false,
      reason: `no call to tool '${check.name}' (${made.length === 0 ? 'no tool calls' : `called: ${made.join(', ')}`})`,
    };
  }
  const expected = check.arguments;
  if (expected === undefined) return { passed: true, reason: `called tool '${check.name}'` };
  if (calls.some((call) => isSubset(expected, call.arguments))) {
    return { passed: true, reason: `called tool '${check.name}' with the expected arguments` };
  }
  return {
    passed: false,
    reason: `tool '${check.name}' called with ${JSON.stringify(calls[0]?.arguments)}, expected at least ${JSON.stringify(expected)}`,
  };
}

/** Every key of `expected` is in `actual` with an equal value (objects compared the same way, recursively). */
function isSubset(expected: Record<string, unknown>, actual: unknown): boolean {
  if (!isObject(actual)) return false;
  return Object.entries(expected).every(([key, value]) => {
    if (!Object.hasOwn(actual, key)) return false;
    const other = actual[key];
    return isObject(value) ? isSubset(value, other) : deepEqual(value, other);
  });
}

/**
 * The answer as JSON. A Markdown code fence around it (```json … ```) is removed first: many models add one even
 * when told not to, and the question a check asks is whether the content is JSON.
 */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(text.trim());
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? text) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

function includes(text: string, value: string, caseSensitive: boolean): boolean {
  return caseSensitive ? text.includes(value) : text.toLowerCase().includes(value.toLowerCase());
}

function verdict(passed: boolean, ok: string, failed: string): { passed: boolean; reason: string } {
  return { passed, reason: passed ? ok : failed };
}

const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
