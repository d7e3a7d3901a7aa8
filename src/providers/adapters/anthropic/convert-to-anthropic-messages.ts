import type { CanonicalMessage, Converted, TextPart } from '../../../core/canonical.js';
import type { WireMessage, WireTextBlock, WireUserBlock } from './anthropic-wire-types.js';
import {
  convertAssistantPart,
  convertToolResult,
  convertUserPart,
  toWireCacheControl,
} from './convert-to-anthropic-content.js';

export interface AnthropicConversation {
  system?: string | WireTextBlock[];
  messages: WireMessage[];
}

/**
 * Canonical messages → Anthropic's `system` + strictly alternating `messages`:
 * 1. system messages are hoisted into the top-level `system` (their cache marks kept);
 * 2. tool messages become `tool_result` blocks of a user turn, and consecutive same-role turns are merged;
 * 3. in each user turn the tool results come first, as Anthropic requires right after a tool_use turn;
 * 4. tool calls without a result in the next turn, and results without a call in the previous turn, are
 *    dropped with a warning: Anthropic rejects either with a 400, and histories trimmed by clients produce them.
 */
export function convertToAnthropicMessages(messages: readonly CanonicalMessage[]): Converted<AnthropicConversation> {
  const warnings: string[] = [];
  const systemParts: TextPart[] = [];
  let turns: WireMessage[] = [];
  let seenConversation = false;

  for (const message of messages) {
    switch (message.role) {
      case 'system':
        if (seenConversation)
          warnings.push('a system message inside the conversation was moved to the top-level system prompt');
        systemParts.push(...message.content);
        break;
      case 'user': {
        seenConversation = true;
        const content = message.content.flatMap((part) => collect(convertUserPart(part), warnings));
        turns.push({ role: 'user', content });
        break;
      }
      case 'tool':
        seenConversation = true;
        turns.push({ role: 'user', content: message.content.map(convertToolResult) });
        break;
      case 'assistant': {
        seenConversation = true;
        const content = message.content.flatMap((part) => collect(convertAssistantPart(part), warnings));
        turns.push({ role: 'assistant', content });
        break;
      }
      default: {
        const exhaustive: never = message;
        throw new Error(`unreachable message ${String(exhaustive)}`);
      }
    }
  }

  turns = mergeTurns(turns);
  dropOrphanToolBlocks(turns, warnings);
  turns = mergeTurns(turns);

  const conversation: AnthropicConversation = { messages: turns };
  const system = toSystem(systemParts);
  if (system !== undefined) conversation.system = system;
  return { value: conversation, warnings };
}

function collect<T>(converted: Converted<T[]>, warnings: string[]): T[] {
  warnings.push(...converted.warnings);
  return converted.value;
}

function toSystem(parts: TextPart[]): string | WireTextBlock[] | undefined {
  const nonEmpty = parts.filter((part) => part.text !== '');
  const [only] = nonEmpty;
  if (only === undefined) return undefined;
  if (nonEmpty.length === 1 && only.cacheControl === undefined) return only.text;
  return nonEmpty.map((part) => ({ type: 'text', text: part.text, ...toWireCacheControl(part.cacheControl) }));
}

/** Drops empty turns, joins consecutive same-role turns and puts tool results first in every user turn. */
function mergeTurns(turns: WireMessage[]): WireMessage[] {
  const merged: WireMessage[] = [];
  for (const turn of turns) {
    if (turn.content.length === 0) continue;
    const last = merged.at(-1);
    if (last?.role === 'user' && turn.role === 'user') last.content = [...last.content, ...turn.content];
    else if (last?.role === 'assistant' && turn.role === 'assistant') last.content = [...last.content, ...turn.content];
    else
      merged.push(
        turn.role === 'user'
          ? { role: 'user', content: [...turn.content] }
          : { role: 'assistant', content: [...turn.content] },
      );
  }
  for (const turn of merged) {
    if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
  }
  return merged;
}

function toolResultsFirst(blocks: WireUserBlock[]): WireUserBlock[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  return results.length === 0 ? blocks : [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

function dropOrphanToolBlocks(turns: WireMessage[], warnings: string[]): void {
  turns.forEach((turn, index) => {
    if (turn.role === 'assistant') {
      const next = turns[index + 1];
      const answered = new Set(
        next?.role === 'user'
          ? next.content.flatMap((block) => (block.type === 'tool_result' ? [block.tool_use_id] : []))
          : [],
      );
      turn.content = turn.content.filter((block) => {
        if (block.type !== 'tool_use' || answered.has(block.id)) return true;
        warnings.push(`tool call '${block.id}' has no tool result and was dropped`);
        return false;
      });
      return;
    }
    const previous = turns[index - 1];
    const called = new Set(
      previous?.role === 'assistant'
        ? previous.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []))
        : [],
    );
    turn.content = turn.content.filter((block) => {
      if (block.type !== 'tool_result' || called.has(block.tool_use_id)) return true;
      warnings.push(
        `tool result for '${block.tool_use_id}' has no matching tool call in the previous turn and was dropped`,
      );
      return false;
    });
  });
}
