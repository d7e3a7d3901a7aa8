import { beforeEach, describe, expect, it } from 'vitest';
import { pathCases, upstreamSystemText, useShaping } from './shaping-setup.js';

const shaping = useShaping();

beforeEach(async () => {
  await shaping.harness.manage('PUT', '/api/settings/system-prompt', {
    enabled: true,
    prefixPrompt: 'PREFIX',
    suffixPrompt: 'SUFFIX',
  });
});

/** Prefix, the request's own text, suffix: each present once, in that order. */
const expectSurrounded = (system: string) => {
  const positions = ['PREFIX', 'OWN', 'SUFFIX'].map((piece) => system.indexOf(piece));
  expect(
    positions.every((position) => position >= 0),
    system,
  ).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(system.split('PREFIX')).toHaveLength(2);
};

describe('system prompt (/api/settings/system-prompt)', () => {
  it('stores the section and validates it', async () => {
    const { body } = await shaping.harness.manage('GET', '/api/settings/system-prompt');
    expect(body).toEqual({ enabled: true, prefixPrompt: 'PREFIX', suffixPrompt: 'SUFFIX' });
    const bad = await shaping.harness.manage('PUT', '/api/settings/system-prompt', { enabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('systemPrompt.enabled');
    const unknown = await shaping.harness.manage('PUT', '/api/settings/system-prompt', { prefix: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('systemPrompt.prefix');
    expect((await fetch(`${shaping.harness.url}/api/settings/system-prompt`)).status).toBe(401);
  });

  for (const { client, upstream, path } of pathCases) {
    it(`${client} client → ${upstream} upstream (${path}): prefix and suffix around the own system text`, async () => {
      const body = await shaping.send(client, upstream);
      expectSurrounded(upstreamSystemText(upstream, body));
    });
  }

  it('keeps cache_control on the Anthropic system block it surrounds', async () => {
    const body = await shaping.send('anthropic', 'anthropic');
    expect(body.system).toEqual([
      { type: 'text', text: 'PREFIX' },
      { type: 'text', text: 'OWN', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'SUFFIX' },
    ]);
  });

  it('is skipped for a request sending X-OmniRoute-No-System-Prompt: true, and when disabled', async () => {
    const optedOut = await shaping.send('openai', 'openai', { 'X-OmniRoute-No-System-Prompt': 'true' });
    expect(upstreamSystemText('openai', optedOut)).toBe('OWN');
    await shaping.harness.manage('PUT', '/api/settings/system-prompt', { enabled: false });
    const disabled = await shaping.send('gemini', 'anthropic');
    expect(upstreamSystemText('anthropic', disabled)).toBe('OWN');
  });
});
