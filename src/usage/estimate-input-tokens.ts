import type { CanonicalMessage, CanonicalRequest } from '../core/canonical.js';

type TokenCounter = (text: string) => number;

let counter: Promise<TokenCounter> | undefined;

/** The o200k tokenizer is large: loaded on first use, never at start-up. */
function loadCounter(): Promise<TokenCounter> {
  counter ??= import('gpt-tokenizer/encoding/o200k_base').then((module) => module.countTokens);
  return counter;
}

/**
 * Per-message framing overhead and a flat cost per image or file: the same approximations OpenAI documents for
 * chat formats. Real counts differ by model; this is for upstreams without a count endpoint.
 */
const messageOverhead = 4;
const imageTokens = 1_600;
const fileTokens = 3_000;

/** Estimates the prompt tokens of a canonical request with the o200k tokenizer. */
export async function estimateInputTokens(request: CanonicalRequest): Promise<number> {
  const count = await loadCounter();
  let total = 3;
  for (const message of request.messages) total += messageOverhead + messageTokens(message, count);
  for (const tool of request.tools ?? []) {
    total += count(`${tool.name}\n${tool.description ?? ''}\n${JSON.stringify(tool.inputSchema)}`);
  }
  return total;
}

function messageTokens(message: CanonicalMessage, count: TokenCounter): number {
  let total = 0;
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
        total += count(part.text);
        break;
      case 'reasoning':
        total += count(part.text);
        break;
      case 'redacted-reasoning':
        total += Math.ceil(part.data.length / 4);
        break;
      case 'image':
        total += imageTokens;
        break;
      case 'file':
        total += fileTokens;
        break;
      case 'tool-call':
        total += count(`${part.name}${part.arguments}`);
        break;
      case 'tool-result':
        for (const item of part.content) total += item.type === 'text' ? count(item.text) : imageTokens;
        break;
      default: {
        const exhaustive: never = part;
        throw new Error(`Unknown part ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  return total;
}
