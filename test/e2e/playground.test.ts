import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, requestLogs, startHarness } from '../helpers/gateway-harness.js';
import { sseEvents } from '../helpers/sse-events.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  await harness.connect({ provider: 'openai', apiKey: 'sk-upstream-1', baseUrl: `${mock.url}/v1` });
  await harness.connect({ provider: 'anthropic', apiKey: 'sk-ant-1', baseUrl: `${mock.url}/v1` });
  const combo = await harness.manage('POST', '/api/combos', {
    name: 'play-combo',
    models: ['anthropic/claude-sonnet-4-5'],
  });
  expect(combo.status).toBe(201);
});

afterAll(async () => {
  await harness.stop();
  await mock.close();
});

beforeEach(() => mock.reset());

const playground = '/api/playground/chat/completions';

describe('playground chat (dashboard, no client key)', () => {
  it('is closed without a login', async () => {
    const response = await fetch(`${harness.url}${playground}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(401);
    expect(mock.requests).toHaveLength(0);
  });

  it('answers a chat and logs it under the dashboard key', async () => {
    const { status, body } = await harness.manage('POST', playground, {
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'Hello playground' }],
    });
    expect(status).toBe(200);
    expect(body.choices[0].message.content).toContain('Hello playground');
    const [row] = await requestLogs(harness);
    expect(row).toMatchObject({ api_key_id: 'dashboard', provider: 'openai', status: 200 });
  });

  it('streams a combo through translation', async () => {
    const response = await fetch(`${harness.url}${playground}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await cookieOf(harness) },
      body: JSON.stringify({ model: 'play-combo', stream: true, messages: [{ role: 'user', content: 'Stream me' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(await response.text());
    const text = events
      .filter((event) => event.data !== '[DONE]')
      .map((event) => JSON.parse(event.data).choices[0]?.delta?.content ?? '')
      .join('');
    expect(text).toContain('Stream me');
    expect(mock.requests.at(-1)?.path).toBe('/v1/messages');
    const [row] = await requestLogs(harness);
    expect(row).toMatchObject({ api_key_id: 'dashboard', combo: 'play-combo', streamed: 1 });
  });

  it('answers a bad request in the OpenAI error shape, naming the field', async () => {
    const { status, body } = await harness.manage('POST', playground, { messages: [] });
    expect(status).toBe(400);
    expect(body.error.param).toBe('model');
  });
});

describe('translator preview', () => {
  it('is closed without a login', async () => {
    const response = await fetch(`${harness.url}/api/translator`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'openai', to: 'anthropic', body: {} }),
    });
    expect(response.status).toBe(401);
  });

  it('shows the Anthropic request an OpenAI chat becomes, without calling upstream', async () => {
    const { status, body } = await harness.manage('POST', '/api/translator', {
      from: 'openai',
      to: 'anthropic',
      body: {
        model: 'claude-sonnet-4-5',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ passThrough: false, path: '/messages' });
    expect(body.body).toMatchObject({ model: 'claude-sonnet-4-5', system: expect.anything() });
    expect(body.body.messages[0]).toMatchObject({ role: 'user' });
    expect(body.body.max_tokens).toBeGreaterThan(0);
    expect(mock.requests).toHaveLength(0);
  });

  it('takes a Gemini request’s model from the input, as the URL would carry it', async () => {
    const { status, body } = await harness.manage('POST', '/api/translator', {
      from: 'gemini',
      to: 'openai',
      model: 'gpt-4.1',
      stream: true,
      body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
    });
    expect(status).toBe(200);
    expect(body.body).toMatchObject({ model: 'gpt-4.1', stream: true, messages: [{ role: 'user' }] });
  });

  it('passes the same format through with only the model set', async () => {
    const request = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], x_custom: 1 };
    const { body } = await harness.manage('POST', '/api/translator', { from: 'openai', to: 'openai', body: request });
    expect(body).toMatchObject({ passThrough: true, path: '/chat/completions', body: request });
  });

  it('names the bad field of the input and of the body', async () => {
    const badFormat = await harness.manage('POST', '/api/translator', { from: 'soap', to: 'openai', body: {} });
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.param).toBe('from');
    const badBody = await harness.manage('POST', '/api/translator', {
      from: 'anthropic',
      to: 'openai',
      body: { model: 'x', messages: 'not a list' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/messages/);
  });
});

async function cookieOf(target: GatewayHarness): Promise<string> {
  const login = await fetch(`${target.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'test-password-1234' }),
  });
  return login.headers.get('set-cookie')?.split(';')[0] ?? '';
}
