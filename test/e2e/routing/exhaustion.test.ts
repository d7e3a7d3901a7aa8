import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCombo, patchResilience, type RoutingRig, resetRouting, startRig } from './routing-setup.js';

let rig: RoutingRig;

beforeAll(async () => {
  rig = await startRig();
  await rig.connect('openai', ['key-a']);
  await rig.connect('anthropic', ['key-claude']);
  await createCombo(rig.harness, { name: 'everything', models: ['openai/gpt-4.1', 'anthropic/claude-haiku-4-5'] });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

/** One failure per target: OpenAI answers 500, Anthropic 429 with Retry-After 3. */
function failBoth(): void {
  rig.mock.enqueueFault({ status: 500 }, { model: 'gpt-4.1' });
  rig.mock.enqueueFault({ retryAfter: 3 }, { model: 'claude-haiku-4-5' });
}

function anthropicPost(body: unknown) {
  return fetch(`${rig.harness.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'client' },
    body: JSON.stringify(body),
  });
}

describe('when every target fails', () => {
  it('names each target tried and why, with the nearest Retry-After (OpenAI format)', async () => {
    failBoth();
    const answer = await rig.chat('everything', 'doomed');
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('3');
    expect(answer.body.error).toMatchObject({ type: 'server_error', code: 'all_targets_failed' });
    const message: string = answer.body.error.message;
    expect(message).toContain('All 2 routing attempts failed');
    expect(message).toMatch(/openai\/gpt-4\.1 via openai-key-a: server_error \(HTTP 500\)/);
    expect(message).toMatch(/anthropic\/claude-haiku-4-5 via anthropic-key-claude: rate_limited \(HTTP 429\)/);
    expect(rig.mock.requests).toHaveLength(2);

    // Right after, both accounts cool down: with no short wait allowed, refused without an upstream call.
    await patchResilience(rig.harness, { shortWaitMaxMs: 0 });
    const cooling = await rig.chat('everything', 'still doomed');
    expect(cooling.status).toBe(429);
    expect(cooling.body.error.message.match(/cooling_down/g)).toHaveLength(2);
    expect(Number(cooling.headers.get('retry-after'))).toBeLessThanOrEqual(3);
    expect(rig.mock.requests).toHaveLength(2);
  });

  it('is a 429 with the smallest Retry-After when every failure is a rate limit', async () => {
    rig.mock.enqueueFault({ retryAfter: 7 }, { model: 'gpt-4.1' });
    rig.mock.enqueueFault({ retryAfter: 4 }, { model: 'claude-haiku-4-5' });
    const answer = await rig.chat('everything', 'limited');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('4');
    expect(answer.body.error.type).toBe('rate_limit_error');
  });

  it('speaks the Anthropic error format to an Anthropic client', async () => {
    failBoth();
    const response = await anthropicPost({
      model: 'everything',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'doomed' }],
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
    const body: any = await response.json();
    expect(body).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(body.error.message).toMatch(/openai\/gpt-4\.1 via openai-key-a: server_error/);
    expect(body.error.message).toMatch(/anthropic\/claude-haiku-4-5 via anthropic-key-claude: rate_limited/);
  });

  it('reaches the Anthropic SDK as an APIError with the status and message', async () => {
    failBoth();
    const client = new Anthropic({ baseURL: rig.harness.url, apiKey: 'client', maxRetries: 0 });
    const error = await client.messages
      .create({ model: 'everything', max_tokens: 50, messages: [{ role: 'user', content: 'doomed' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((error as Error).message).toContain('All 2 routing attempts failed');
  });

  it('counts a target without an account as a reason too', async () => {
    const combo = await createCombo(rig.harness, {
      name: 'with-groq',
      models: ['groq/llama-3.1-8b-instant', 'openai/gpt-4.1'],
    });
    rig.mock.enqueueFault({ status: 502 }, { model: 'gpt-4.1' });
    const answer = await rig.chat('with-groq', 'nobody');
    expect(answer.status).toBe(503);
    expect(answer.body.error.message).toMatch(/groq\/llama-3\.1-8b-instant: no_active_connection/);
    expect(answer.body.error.message).toMatch(/openai\/gpt-4\.1 via openai-key-a: server_error \(HTTP 502\)/);
    await rig.harness.manage('DELETE', `/api/combos/${combo.id}`);
  });
});
