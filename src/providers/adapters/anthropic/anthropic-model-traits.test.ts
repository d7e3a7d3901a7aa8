import { describe, expect, it } from 'vitest';
import { anthropicModelTraits } from './anthropic-model-traits.js';

describe('anthropicModelTraits', () => {
  it.each([
    // model, adaptive thinking, always thinks, sampling parameters, native structured output
    ['claude-3-haiku-20240307', false, false, true, false],
    ['claude-3-7-sonnet-20250219', false, false, true, false],
    ['claude-sonnet-4-20250514', false, false, true, false],
    ['claude-opus-4-1-20250805', false, false, true, true],
    ['claude-sonnet-4-5-20250929', false, false, true, true],
    ['claude-haiku-4-5', false, false, true, true],
    ['claude-sonnet-4-6', true, false, true, true],
    ['claude-opus-4-7', true, false, false, true],
    ['anthropic.claude-opus-4-8-v1:0', true, false, false, true],
    ['claude-sonnet-5', true, false, false, true],
    ['claude-fable-5', true, true, false, true],
    ['deepseek-chat', false, false, true, false],
  ])('%s', (model, adaptiveThinking, alwaysThinks, samplingParameters, nativeStructuredOutput) => {
    expect(anthropicModelTraits(model)).toEqual({
      adaptiveThinking,
      alwaysThinks,
      samplingParameters,
      nativeStructuredOutput,
    });
  });
});
