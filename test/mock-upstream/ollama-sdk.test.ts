import { Ollama } from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.mjs';

let mock: MockUpstream;
let ollama: Ollama;

beforeAll(async () => {
  mock = await startMockUpstream();
  ollama = new Ollama({ host: mock.url });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const model = 'llama3.2';
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

describe('ollama chat', () => {
  it('answers one object with stream:false, with prompt and eval counts', async () => {
    const response = await ollama.chat({ model, messages: [{ role: 'user', content: 'Hello llama' }] });
    expect(response.message).toEqual({ role: 'assistant', content: 'Mock ollama reply to: Hello llama' });
    expect(response).toMatchObject({ model, done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 6 });
    expect(mock.requests[0]?.body).toMatchObject({ stream: false });
  });

  it('streams NDJSON with thinking, ending with a done line', async () => {
    const stream = await ollama.chat({
      model,
      stream: true,
      think: true,
      messages: [{ role: 'user', content: 'Think llama' }],
    });
    const parts = [];
    for await (const part of stream) parts.push(part);
    const content = parts.map((part) => part.message.content).join('');
    const thinking = parts.map((part) => part.message.thinking ?? '').join('');
    expect(content).toBe('Mock ollama reply to: Think llama');
    expect(thinking).toBe('Mock reasoning about: Think llama');
    expect(parts.filter((part) => part.message.content !== '').length).toBeGreaterThan(1);
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop', eval_count: 6 + 5 });
  });

  it('streams by default when stream is absent', async () => {
    const response = await fetch(`${mock.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ done: true });
  });

  it('calls tools with object arguments, then answers the tool message', async () => {
    const response = await ollama.chat({
      model,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(response.message.tool_calls).toEqual([
      { function: { name: 'get_weather', arguments: { location: 'Paris' } } },
    ]);

    const answer = await ollama.chat({
      model,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: '', tool_calls: response.message.tool_calls },
        { role: 'tool', content: 'windy', tool_name: 'get_weather' },
      ],
    });
    expect(answer.message.content).toBe('Mock ollama got tool result: windy');
  });

  it('lists tags, embeds, and reports errors as {error}', async () => {
    const tags = await ollama.list();
    expect(tags.models.map((entry) => entry.name)).toContain('llama3.2:latest');
    const embedded = await ollama.embed({ model: 'nomic-embed-text', input: ['a', 'b'] });
    expect(embedded.embeddings.map((vector) => vector.length)).toEqual([64, 64]);

    const failure = ollama.chat({ model, messages: [{ role: 'user', content: 'Oops [[mock:status=500]]' }] });
    await expect(failure).rejects.toMatchObject({ status_code: 500, error: expect.stringContaining('500') });
  });
});
