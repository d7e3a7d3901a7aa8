import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createKey } from '../governance/governance-setup.js';
import { cacheGatewayPerFile, chatBody } from './cache-setup.js';

const gateway = cacheGatewayPerFile();

const clientWith = (apiKey: string) => new OpenAI({ baseURL: `${gateway.harness.url}/v1`, apiKey, maxRetries: 0 });

describe('cache hits and key policy', () => {
  it('still applies the key’s model rules to a hit', async () => {
    const { id, key } = await createKey(gateway.harness, { name: 'cache-rules' });
    const client = clientWith(key);
    await client.chat.completions.create(chatBody('Rules still hold'));
    await gateway.harness.manage('PATCH', `/api/keys/${id}`, { blockedModels: ['openai/*'] });
    await expect(client.chat.completions.create(chatBody('Rules still hold'))).rejects.toMatchObject({ status: 403 });
    expect(gateway.upstreamCalls()).toBe(1);
  });

  it('does not charge hits to the key’s request limits', async () => {
    const { key } = await createKey(gateway.harness, { name: 'cache-limited', limits: { rpm: 2 } });
    const client = clientWith(key);
    await client.chat.completions.create(chatBody('Limited but cached'));
    for (let round = 0; round < 4; round += 1) {
      const { response } = await client.chat.completions.create(chatBody('Limited but cached')).withResponse();
      expect(response.headers.get('x-omniroute-cache')).toBe('HIT');
    }
    await client.chat.completions.create(chatBody('A second real call'));
    // The third real call is over the limit: the hits in between took nothing from it.
    await expect(client.chat.completions.create(chatBody('A third real call'))).rejects.toMatchObject({ status: 429 });
  });

  it('refuses a hit to a disabled key', async () => {
    const { id, key } = await createKey(gateway.harness, { name: 'cache-disabled' });
    const client = clientWith(key);
    await client.chat.completions.create(chatBody('Disabled later'));
    await gateway.harness.manage('PATCH', `/api/keys/${id}`, { disabled: true });
    await expect(client.chat.completions.create(chatBody('Disabled later'))).rejects.toMatchObject({ status: 403 });
  });
});
