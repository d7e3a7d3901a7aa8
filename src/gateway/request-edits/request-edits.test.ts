import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../core/canonical.js';
import { adaptiveBudget, measureConversation } from './adaptive-budget.js';
import { applyCanonicalEdits } from './apply-canonical-edits.js';
import { planRequestEdits } from './request-edits.js';

const off = {
  systemPrompt: { enabled: false, prefixPrompt: '', suffixPrompt: '' },
  thinkingBudget: { mode: 'passthrough' as const },
};

describe('planRequestEdits', () => {
  it('does nothing by default', () => {
    expect(planRequestEdits({ ...off, headers: {}, body: {} })).toEqual({});
  });

  it('applies the system prompt unless the request opts out by header', () => {
    const systemPrompt = { enabled: true, prefixPrompt: 'A', suffixPrompt: '' };
    expect(planRequestEdits({ ...off, systemPrompt, headers: {}, body: {} }).systemPrompt).toEqual({
      prefix: 'A',
      suffix: '',
    });
    const optOut = planRequestEdits({
      ...off,
      systemPrompt,
      headers: { 'x-omniroute-no-system-prompt': 'true' },
      body: {},
    });
    expect(optOut.systemPrompt).toBeUndefined();
  });

  it('maps custom settings to a budget and effort, deriving the missing one', () => {
    const plan = (thinkingBudget: Parameters<typeof planRequestEdits>[0]['thinkingBudget']) =>
      planRequestEdits({ ...off, thinkingBudget, headers: {}, body: {} }).thinking;
    expect(plan({ mode: 'custom', budgetTokens: 20_000 })).toEqual({
      type: 'set',
      budgetTokens: 20_000,
      effort: 'high',
    });
    expect(plan({ mode: 'custom', effort: 'low' })).toEqual({ type: 'set', budgetTokens: 1024, effort: 'low' });
    expect(plan({ mode: 'auto' })).toEqual({ type: 'strip' });
  });
});

describe('adaptive budget', () => {
  it('grows with the conversation and with tools, within [1024, ceiling]', () => {
    // 2048 + ¼ × (characters / 4) + 4096 with tools; the role and key names are not counted here.
    const short = adaptiveBudget({ messages: [{ content: 'hi' }] });
    expect(short).toBe(2048 + 1);
    expect(adaptiveBudget({ messages: [{ content: 'x'.repeat(64_000) }] })).toBe(2048 + 4000);
    expect(adaptiveBudget({ messages: [{ content: 'hi' }], tools: [{ name: 'lookup' }] })).toBe(short + 4096);
    expect(adaptiveBudget({ messages: [{ content: 'x'.repeat(1_000_000) }] })).toBe(32_768);
    expect(adaptiveBudget({ messages: [{ content: 'x'.repeat(1_000_000) }] }, 10_000)).toBe(10_000);
  });

  it('skips inline media and signatures when measuring', () => {
    const image = { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(50_000)}` } };
    expect(
      measureConversation({ messages: [{ content: [image, { type: 'text', text: 'abc' }] }] }).characters,
    ).toBeLessThan(50);
  });
});

describe('applyCanonicalEdits', () => {
  const request: CanonicalRequest = {
    model: 'm',
    stream: false,
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'own', cacheControl: { type: 'ephemeral' } }] },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ],
    reasoning: { effort: 'low' },
  };
  const target = { model: 'm', supportsReasoning: false };

  it('puts text parts around the system content, keeping cache marks', () => {
    const edited = applyCanonicalEdits(request, { systemPrompt: { prefix: 'PRE', suffix: 'POST' } }, target);
    expect(edited.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'PRE' },
        { type: 'text', text: 'own', cacheControl: { type: 'ephemeral' } },
        { type: 'text', text: 'POST' },
      ],
    });
    const bare = applyCanonicalEdits(
      { ...request, messages: request.messages.slice(1) },
      { systemPrompt: { prefix: 'PRE', suffix: '' } },
      target,
    );
    expect(bare.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'PRE' }] });
  });

  it('strips, sets or leaves reasoning', () => {
    expect(applyCanonicalEdits(request, { thinking: { type: 'strip' } }, target)).not.toHaveProperty('reasoning');
    expect(
      applyCanonicalEdits(request, { thinking: { type: 'set', budgetTokens: 9000, effort: 'medium' } }, target)
        .reasoning,
    ).toEqual({
      enabled: true,
      budgetTokens: 9000,
      effort: 'medium',
    });
    const { reasoning: _none, ...plain } = request;
    expect(
      applyCanonicalEdits(plain, { thinking: { type: 'set', budgetTokens: 9000, effort: 'medium' } }, target),
    ).toEqual(plain);
  });
});
