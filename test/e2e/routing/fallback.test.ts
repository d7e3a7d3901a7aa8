import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCombo,
  keysUsed,
  modelsUsed,
  type RoutingRig,
  resetRouting,
  routeOf,
  startRig,
} from './routing-setup.js';

let rig: RoutingRig;
let accounts: any[];

beforeAll(async () => {
  // A short header timeout so a hanging account fails over quickly.
  rig = await startRig({ env: { UPSTREAM_HEADERS_TIMEOUT_MS: '1000' } });
  accounts = await rig.connect('openai', ['key-a', 'key-b']);
  await rig.connect('anthropic', ['key-claude']);
  await createCombo(rig.harness, {
    name: 'across',
    models: [{ provider: 'openai', model: 'gpt-4.1', connectionId: accounts[0].id }, 'anthropic/claude-haiku-4-5'],
  });
});
afterAll(() => rig.stop());
beforeEach(async () => {
  rig.mock.reset();
  await resetRouting(rig.harness);
});

describe('fallback across accounts of one provider', () => {
  const cases = [
    { name: '429', fault: { status: 429 } },
    { name: '500', fault: { status: 500 } },
    { name: '503', fault: { status: 503 } },
    { name: '401', fault: { status: 401 } },
    { name: 'a timeout', fault: { hang: true } },
  ];
  for (const { name, fault } of cases) {
    it(`moves to the second account in the same request after ${name}`, async () => {
      rig.mock.enqueueFault(fault);
      const answer = await rig.chat('openai/gpt-4.1', `fallback after ${name}`);
      expect(answer.status).toBe(200);
      expect(answer.body.choices[0].message.content).toContain(`fallback after ${name}`);
      expect(keysUsed(rig.mock)).toEqual(['key-a', 'key-b']);
      expect(routeOf(answer.headers)).toMatchObject({
        strategy: 'single',
        provider: 'openai',
        connection: 'openai-key-b',
        attempts: '2',
      });
    });
  }

  it('streams from the second account when the first fails before any byte', async () => {
    rig.mock.enqueueFault({ status: 500 });
    const stream = await rig.client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'stream after failover' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('stream after failover');
    expect(keysUsed(rig.mock)).toEqual(['key-a', 'key-b']);
  });
});

describe('fallback across combo targets', () => {
  it('moves to the next target, translating to its format', async () => {
    rig.mock.enqueueFault({ status: 500 });
    const completion = await rig.client.chat.completions.create({
      model: 'across',
      messages: [{ role: 'user', content: 'next target please' }],
    });
    expect(completion.choices[0]?.message.content).toContain('next target please');
    expect(rig.mock.requests.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/messages']);
    expect(keysUsed(rig.mock)).toEqual(['key-a', 'key-claude']);
  });
});

describe('no fallback', () => {
  it('on a client-caused 400: the client gets it, after one upstream call', async () => {
    rig.mock.enqueueFault({
      status: 400,
      body: { error: { message: "Invalid value for 'temperature': must be <= 2.", type: 'invalid_request_error' } },
    });
    const answer = await rig.chat('across', 'bad request');
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain("Invalid value for 'temperature'");
    expect(rig.mock.requests).toHaveLength(1);
    expect(routeOf(answer.headers)).toMatchObject({ strategy: 'priority', combo: 'across', attempts: '1' });
    // The account is not blamed for the client's mistake.
    expect((await rig.harness.manage('GET', '/api/resilience')).body.state.cooldowns).toEqual([]);
  });

  it('once the first byte reached the client: a cut stream ends in an error, nothing is retried', async () => {
    rig.mock.enqueueFault({ cutAfterChunks: 3 });
    const stream = await rig.client.chat.completions.create({
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
      stream: true,
    });
    let received = 0;
    const consume = async () => {
      for await (const _chunk of stream) received += 1;
    };
    await expect(consume()).rejects.toThrow();
    expect(received).toBeGreaterThan(0);
    expect(rig.mock.requests).toHaveLength(1);
  });

  it('once the first byte reached the client on the translated path too', async () => {
    rig.mock.enqueueFault({ cutAfterChunks: 3 }, { model: 'claude-haiku-4-5' });
    const client = new OpenAI({ baseURL: `${rig.harness.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
      stream: true,
    });
    const consume = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow();
    expect(modelsUsed(rig.mock)).toEqual(['claude-haiku-4-5']);
  });
});

describe('x-omniroute-route', () => {
  it('comes with JSON answers, streams and errors', async () => {
    const json = await rig.chat('openai/gpt-4.1', 'hi');
    const stream = await rig.chat('across', 'hi', { stream: true });
    rig.mock.enqueueFault({ status: 500 });
    rig.mock.enqueueFault({ status: 500 });
    const failed = await rig.chat('openai/gpt-4.1', 'hi');
    for (const answer of [json, stream, failed]) {
      const route = routeOf(answer.headers);
      expect(Object.keys(route)).toEqual(expect.arrayContaining(['strategy', 'provider', 'connection', 'attempts']));
      expect(Number(route.latency_ms)).toBeGreaterThanOrEqual(0);
    }
    expect(routeOf(json.headers)).toMatchObject({ strategy: 'single', provider: 'openai', model: 'gpt-4.1' });
    expect(routeOf(stream.headers)).toMatchObject({ strategy: 'priority', combo: 'across', attempts: '1' });
    expect(failed.status).toBe(503);
    expect(routeOf(failed.headers)).toMatchObject({ connection: 'openai-key-b', attempts: '2' });
  });
});
