import { describe, expect, it } from 'vitest';
import { applyWireEdits } from './apply-wire-edits.js';
import type { RequestEdits } from './request-edits.js';

const system: RequestEdits = { systemPrompt: { prefix: 'PRE', suffix: 'POST' } };
const target = { model: 'some-model', supportsReasoning: false };
const set = (budgetTokens: number, effort: 'low' | 'medium' | 'high'): RequestEdits => ({
  thinking: { type: 'set', budgetTokens, effort },
});
const strip: RequestEdits = { thinking: { type: 'strip' } };

describe('system prompt on wire bodies', () => {
  it('OpenAI chat: into the first and last system/developer messages, or a new leading system message', () => {
    const body = {
      messages: [
        { role: 'developer', content: 'dev' },
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'late' }] },
      ],
    };
    const edited = applyWireEdits('openai', body, system, target);
    expect(edited.messages).toEqual([
      { role: 'developer', content: 'PRE\n\ndev' },
      { role: 'user', content: 'hi' },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'late' },
          { type: 'text', text: 'POST' },
        ],
      },
    ]);
    expect(body.messages[0]).toEqual({ role: 'developer', content: 'dev' });
    const bare = applyWireEdits('openai', { messages: [{ role: 'user', content: 'hi' }] }, system, target);
    expect(bare.messages).toEqual([
      { role: 'system', content: 'PRE\n\nPOST' },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('Responses: around instructions', () => {
    expect(applyWireEdits('openai-responses', { instructions: 'own' }, system, target).instructions).toBe(
      'PRE\n\nown\n\nPOST',
    );
    expect(applyWireEdits('openai-responses', { input: 'hi' }, system, target).instructions).toBe('PRE\n\nPOST');
  });

  it('Anthropic: string system, or blocks with their cache_control kept', () => {
    expect(applyWireEdits('anthropic', { system: 'own' }, system, target).system).toBe('PRE\n\nown\n\nPOST');
    const blocks = [{ type: 'text', text: 'cached', cache_control: { type: 'ephemeral' } }];
    expect(applyWireEdits('anthropic', { system: blocks }, system, target).system).toEqual([
      { type: 'text', text: 'PRE' },
      { type: 'text', text: 'cached', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'POST' },
    ]);
    expect(applyWireEdits('anthropic', {}, { systemPrompt: { prefix: 'PRE', suffix: '' } }, target).system).toBe('PRE');
  });

  it('Gemini: parts around systemInstruction (camel or snake case)', () => {
    const camel = applyWireEdits('gemini', { systemInstruction: { parts: [{ text: 'own' }] } }, system, target);
    expect(camel.systemInstruction).toEqual({ parts: [{ text: 'PRE' }, { text: 'own' }, { text: 'POST' }] });
    const snake = applyWireEdits('gemini', { system_instruction: { parts: [{ text: 'own' }] } }, system, target);
    expect(snake).not.toHaveProperty('systemInstruction');
    expect(snake.system_instruction).toEqual({ parts: [{ text: 'PRE' }, { text: 'own' }, { text: 'POST' }] });
    expect(applyWireEdits('gemini', { contents: [] }, system, target).systemInstruction).toEqual({
      parts: [{ text: 'PRE' }, { text: 'POST' }],
    });
  });

  it('Ollama: system messages', () => {
    const edited = applyWireEdits('ollama', { messages: [{ role: 'system', content: 'own' }] }, system, target);
    expect(edited.messages).toEqual([{ role: 'system', content: 'PRE\n\nown\n\nPOST' }]);
  });
});

describe('thinking budget on wire bodies', () => {
  it('auto strips every format’s reasoning fields', () => {
    expect(applyWireEdits('openai', { reasoning_effort: 'high', reasoning: {} }, strip, target)).toEqual({});
    expect(applyWireEdits('openai-responses', { reasoning: { effort: 'low' } }, strip, target)).toEqual({});
    expect(
      applyWireEdits('anthropic', { thinking: { type: 'enabled' }, output_config: { effort: 'low' } }, strip, target),
    ).toEqual({});
    expect(
      applyWireEdits(
        'gemini',
        { generationConfig: { temperature: 1, thinkingConfig: { thinkingBudget: 9 } } },
        strip,
        target,
      ),
    ).toEqual({ generationConfig: { temperature: 1 } });
    expect(applyWireEdits('ollama', { think: true }, strip, target)).toEqual({});
  });

  it('custom: sets the budget in each format where the request reasons', () => {
    expect(applyWireEdits('openai', { reasoning_effort: 'low' }, set(20_000, 'high'), target)).toEqual({
      reasoning_effort: 'high',
    });
    expect(applyWireEdits('openai', { reasoning: { max_tokens: 5, exclude: true } }, set(2000, 'low'), target)).toEqual(
      { reasoning: { exclude: true, effort: 'low' } },
    );
    expect(
      applyWireEdits(
        'openai-responses',
        { reasoning: { effort: 'low', summary: 'auto' } },
        set(9000, 'medium'),
        target,
      ),
    ).toEqual({ reasoning: { effort: 'medium', summary: 'auto' } });
    expect(
      applyWireEdits('gemini', { generationConfig: { thinkingConfig: { includeThoughts: true } } }, set(3000, 'low'), {
        model: 'gemini-2.5-flash',
        supportsReasoning: false,
      }),
    ).toEqual({ generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 3000 } } });
    expect(applyWireEdits('ollama', { think: true }, set(20_000, 'high'), target)).toEqual({ think: 'high' });
  });

  it('custom on Anthropic: budget below max_tokens, thinking-incompatible sampling dropped', () => {
    const body = { max_tokens: 20_000, temperature: 0.2, top_k: 5, thinking: { type: 'enabled', budget_tokens: 1024 } };
    expect(
      applyWireEdits('anthropic', body, set(8000, 'medium'), { model: 'claude-sonnet-4-5', supportsReasoning: true }),
    ).toEqual({
      max_tokens: 20_000,
      thinking: { type: 'enabled', budget_tokens: 8000 },
    });
    // Claude 4.6+ thinks adaptively: the effort goes to output_config instead of a budget.
    expect(
      applyWireEdits('anthropic', { max_tokens: 4000 }, set(30_000, 'high'), {
        model: 'claude-opus-4-6',
        supportsReasoning: true,
      }),
    ).toEqual({
      max_tokens: 4000,
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
    });
  });

  it('leaves requests that do not reason alone unless the model is known to reason; 0 turns reasoning off', () => {
    const plain = { messages: [] };
    expect(applyWireEdits('openai', plain, set(8000, 'medium'), target)).toBe(plain);
    expect(applyWireEdits('openai', plain, set(8000, 'medium'), { ...target, supportsReasoning: true })).toEqual({
      messages: [],
      reasoning_effort: 'medium',
    });
    expect(applyWireEdits('ollama', { think: true }, set(0, 'low'), target)).toEqual({ think: false });
    expect(applyWireEdits('openai', { reasoning_effort: 'high' }, set(0, 'low'), target)).toEqual({});
  });

  it('returns the same object when there is nothing to do', () => {
    const body = { messages: [] };
    expect(applyWireEdits('openai', body, {}, target)).toBe(body);
  });
});
