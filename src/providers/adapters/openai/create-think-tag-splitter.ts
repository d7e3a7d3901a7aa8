export interface ContentPiece {
  type: 'text' | 'reasoning';
  text: string;
}

export interface ThinkTagSplitter {
  /** The pieces of this content delta that are certain; a possible partial tag is held back. */
  push(text: string): ContentPiece[];
  /** Whatever was held back, at the end of the content. */
  flush(): ContentPiece[];
}

const openTag = '<think>';
const closeTag = '</think>';

/**
 * Moves a `<think>…</think>` block at the very start of the content into reasoning. Open-weight reasoning models
 * served without a reasoning parser (DeepSeek-R1 distills, QwQ, Qwen3 on vLLM/llama.cpp/some hosts) put their
 * thoughts inline this way. Only a block opening the answer (after optional whitespace) counts, so an answer that
 * merely mentions the tag is left alone. Whitespace right after the closing tag is dropped. Tags may be split
 * across stream deltas: the splitter holds back the few characters that could be the start of one.
 */
export function createThinkTagSplitter(): ThinkTagSplitter {
  let state: 'detecting' | 'thinking' | 'after-think' | 'text' = 'detecting';
  let held = '';

  function push(text: string): ContentPiece[] {
    switch (state) {
      case 'text':
        return text === '' ? [] : [{ type: 'text', text }];
      case 'detecting': {
        held += text;
        const trimmed = held.trimStart();
        if (trimmed.startsWith(openTag)) {
          held = '';
          state = 'thinking';
          return push(trimmed.slice(openTag.length));
        }
        if (openTag.startsWith(trimmed)) return [];
        const all = held;
        held = '';
        state = 'text';
        return [{ type: 'text', text: all }];
      }
      case 'thinking': {
        held += text;
        const end = held.indexOf(closeTag);
        if (end >= 0) {
          const reasoning = held.slice(0, end);
          const rest = held.slice(end + closeTag.length);
          held = '';
          state = 'after-think';
          const pieces: ContentPiece[] = reasoning === '' ? [] : [{ type: 'reasoning', text: reasoning }];
          return [...pieces, ...push(rest)];
        }
        const keep = partialTagLength(held);
        const reasoning = held.slice(0, held.length - keep);
        held = held.slice(held.length - keep);
        return reasoning === '' ? [] : [{ type: 'reasoning', text: reasoning }];
      }
      case 'after-think': {
        const rest = text.trimStart();
        if (rest === '') return [];
        state = 'text';
        return [{ type: 'text', text: rest }];
      }
      default: {
        const unexpected: never = state;
        throw new Error(`Unexpected splitter state: ${String(unexpected)}`);
      }
    }
  }

  function flush(): ContentPiece[] {
    const rest = held;
    held = '';
    if (rest === '') return [];
    return [{ type: state === 'thinking' ? 'reasoning' : 'text', text: rest }];
  }

  return { push, flush };
}

/** Length of the longest suffix of `text` that is a prefix of the closing tag. */
function partialTagLength(text: string): number {
  for (let length = Math.min(closeTag.length - 1, text.length); length > 0; length--) {
    if (closeTag.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

/** The non-streaming form: split one whole content string. */
export function splitThinkTags(content: string): ContentPiece[] {
  const splitter = createThinkTagSplitter();
  return [...splitter.push(content), ...splitter.flush()];
}
