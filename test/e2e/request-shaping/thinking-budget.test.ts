import { afterAll, describe, expect, it } from 'vitest';
import { pathCases, type UpstreamApi, upstreamReasoning, useShaping } from './shaping-setup.js';

const shaping = useShaping();
afterAll(async () => {
  await shaping.harness.manage('PUT', '/api/settings/thinking-budget', { mode: 'passthrough' });
});

const setMode = async (settings: Record<string, unknown>) => {
  const { status, body } = await shaping.harness.manage('PUT', '/api/settings/thinking-budget', settings);
  expect(status, JSON.stringify(body)).toBe(200);
};

/** A 20,000-token budget as each upstream format expresses it. */
const customExpected: Record<UpstreamApi, unknown> = {
  openai: 'high',
  responses: 'high',
  anthropic: 20_000,
  gemini: 20_000,
  ollama: 'high',
};

describe('thinking budget (/api/settings/thinking-budget)', () => {
  it('validates the section, naming the field', async () => {
    const missing = await shaping.harness.manage('PUT', '/api/settings/thinking-budget', { mode: 'custom' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('thinkingBudget.budgetTokens');
    const bad = await shaping.harness.manage('PUT', '/api/settings/thinking-budget', { mode: 'max' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('thinkingBudget.mode');
    expect((await shaping.harness.manage('GET', '/api/settings/thinking-budget')).body).toEqual({
      mode: 'passthrough',
    });
  });

  for (const { client, upstream, path } of pathCases) {
    it(`${client} client → ${upstream} upstream (${path}): passthrough, custom and auto`, async () => {
      await setMode({ mode: 'passthrough' });
      const untouched = upstreamReasoning(upstream, await shaping.send(client, upstream));
      expect(untouched).toBeDefined();
      expect(untouched).not.toEqual(customExpected[upstream]);

      await setMode({ mode: 'custom', budgetTokens: 20_000 });
      expect(upstreamReasoning(upstream, await shaping.send(client, upstream))).toEqual(customExpected[upstream]);

      await setMode({ mode: 'auto' });
      const stripped = await shaping.send(client, upstream);
      expect(upstreamReasoning(upstream, stripped)).toBeUndefined();
      expect(JSON.stringify(stripped)).not.toMatch(/"(reasoning_effort|thinking|thinkingConfig|think)"/);
    });
  }

  it('adaptive: a longer conversation with tools gets a larger budget than a short question', async () => {
    await setMode({ mode: 'adaptive', budgetTokens: 30_000 });
    const send = async (content: string, tools: boolean) => {
      const response = await fetch(`${shaping.harness.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'up-anthropic/claude-sonnet-4-5',
          max_tokens: 40_000,
          messages: [{ role: 'user', content }],
          thinking: { type: 'enabled', budget_tokens: 1024 },
          ...(tools
            ? { tools: [{ name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: {} } }] }
            : {}),
        }),
      });
      expect(response.status).toBe(200);
      const recorded: any = shaping.mock.requests.at(-1)?.body;
      return recorded.thinking.budget_tokens as number;
    };
    const short = await send('hi', false);
    const long = await send('word '.repeat(8000), true);
    expect(short).toBeGreaterThanOrEqual(2048);
    expect(long).toBeGreaterThan(short + 4096);
    expect(long).toBeLessThanOrEqual(30_000);
  });
});
