import { describe, expect, it } from 'vitest';
import { AliasMatcher } from './alias-matcher.js';

describe('AliasMatcher', () => {
  const matcher = new AliasMatcher([
    { alias: 'claude-*', target: 'anthropic/claude-haiku-4-5' },
    { alias: 'claude-sonnet-4-*', target: 'anthropic/claude-sonnet-4-5' },
    { alias: 'fast', target: 'groq/llama-3.3-70b-versatile' },
    { alias: 'gpt-?', target: 'openai/gpt-4.1' },
    { alias: 'a.b*', target: 'x/y' },
  ]);

  it('prefers an exact alias, then the most specific wildcard', () => {
    expect(matcher.match('fast')).toBe('groq/llama-3.3-70b-versatile');
    expect(matcher.match('claude-sonnet-4-20250514')).toBe('anthropic/claude-sonnet-4-5');
    expect(matcher.match('claude-opus-4-1')).toBe('anthropic/claude-haiku-4-5');
  });

  it('treats ? as one character and regex metacharacters literally', () => {
    expect(matcher.match('gpt-5')).toBe('openai/gpt-4.1');
    expect(matcher.match('gpt-55')).toBeUndefined();
    expect(matcher.match('a.bc')).toBe('x/y');
    expect(matcher.match('axbc')).toBeUndefined();
  });
});
