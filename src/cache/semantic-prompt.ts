import { createHash } from 'node:crypto';
import type { CanonicalRequest } from '../core/canonical.js';
import type { ClientCodec } from '../core/codec.js';
import type { RequestEdits } from '../gateway/request-edits/request-edits.js';
import type { RequestTarget } from '../routing/resolve-request-model.js';

/** What the semantic tier compares: the text it embeds, and the partition a match must share exactly. */
export interface SemanticPrompt {
  text: string;
  /** sha256 of everything but the embedded text that determines the answer. */
  partition: string;
}

/**
 * The semantic view of a cacheable request. Only the LAST user message is embedded: it is the question, and
 * joining the whole conversation would let a long shared history drown a different question. Everything else is
 * in the partition and must match exactly: key space, client format, resolved target, gateway edits, the earlier
 * messages (system prompt and history), tools, tool choice, response format, sampling and reasoning settings. So a
 * semantic hit never crosses tools, response formats or conversations. A request whose last message is not a
 * user's text (a tool result, an image) has no semantic view: undefined.
 */
export function semanticPromptOf(input: {
  codec: ClientCodec;
  body: unknown;
  space: string;
  target: RequestTarget;
  edits: RequestEdits;
}): SemanticPrompt | undefined {
  const { codec, body, space, target, edits } = input;
  let request: CanonicalRequest;
  try {
    // The model is left out of the partition (the resolved target stands for it); Gemini wants one to parse.
    request = codec.parseRequest(body, { model: 'cached' }).value;
  } catch {
    // An invalid body is refused by the pipeline itself, in the client's format.
    return undefined;
  }
  const last = request.messages.at(-1);
  if (last?.role !== 'user' || last.content.some((part) => part.type !== 'text')) return undefined;
  const text = last.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('\n')
    .trim();
  if (text === '') return undefined;
  const { model: _model, stream: _stream, messages, ...settings } = request;
  const targetName =
    target.kind === 'combo' ? `combo:${target.combo.name}` : `${target.resolved.provider.id}/${target.resolved.model}`;
  const hash = createHash('sha256');
  for (const part of [
    space,
    codec.format,
    targetName,
    JSON.stringify(edits),
    JSON.stringify(messages.slice(0, -1)),
    JSON.stringify(settings),
  ]) {
    hash.update(part);
    hash.update('\u0000');
  }
  return { text, partition: hash.digest('hex') };
}
