import { describe, expect, test } from 'vitest';
import { type ContentPiece, createThinkTagSplitter, splitThinkTags } from './create-think-tag-splitter.js';

function joined(pieces: ContentPiece[]): { reasoning: string; text: string } {
  return {
    reasoning: pieces
      .filter((piece) => piece.type === 'reasoning')
      .map((piece) => piece.text)
      .join(''),
    text: pieces
      .filter((piece) => piece.type === 'text')
      .map((piece) => piece.text)
      .join(''),
  };
}

describe('think tag splitting', () => {
  const content = '  <think>a < b </thin and </think>\n\nAnswer: <think> stays.';

  test('whole content', () => {
    expect(joined(splitThinkTags(content))).toEqual({ reasoning: 'a < b </thin and ', text: 'Answer: <think> stays.' });
  });

  test('every split point of a two-delta stream gives the same result', () => {
    for (let cut = 0; cut <= content.length; cut++) {
      const splitter = createThinkTagSplitter();
      const pieces = [
        ...splitter.push(content.slice(0, cut)),
        ...splitter.push(content.slice(cut)),
        ...splitter.flush(),
      ];
      expect(joined(pieces)).toEqual({ reasoning: 'a < b </thin and ', text: 'Answer: <think> stays.' });
    }
  });

  test('character by character', () => {
    const splitter = createThinkTagSplitter();
    const pieces = [...[...content].flatMap((char) => splitter.push(char)), ...splitter.flush()];
    expect(joined(pieces)).toEqual({ reasoning: 'a < b </thin and ', text: 'Answer: <think> stays.' });
  });

  test('content that does not open with the tag is left alone, leading whitespace included', () => {
    expect(splitThinkTags('  Hello <think>x</think>')).toEqual([{ type: 'text', text: '  Hello <think>x</think>' }]);
    expect(splitThinkTags('<thinking>x')).toEqual([{ type: 'text', text: '<thinking>x' }]);
    expect(splitThinkTags('<thi')).toEqual([{ type: 'text', text: '<thi' }]);
  });

  test('an unclosed block is all reasoning', () => {
    expect(splitThinkTags('<think>still thinking')).toEqual([{ type: 'reasoning', text: 'still thinking' }]);
  });
});
