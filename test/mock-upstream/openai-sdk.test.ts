import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.mjs';

let mock: MockUpstream;
let openai: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${mock.url}/v1`, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
} as const;
const timeTool = {
  type: 'function',
  function: {
    name: 'get_time',
    parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
  },
} as const;

/** Fields the SDK types do not declare (DeepSeek-style reasoning_content). */
function reasoningContent(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'reasoning_content' in value
    ? value.reasoning_content
    : undefined;
}

describe('openai chat completions', () => {
  it('answers text with deterministic usage', async () => {
    const prompt = 'Hello there, mock';
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: prompt }],
    });
    expect(completion.model).toBe('gpt-4o');
    expect(completion.choices[0]?.message.content).toBe(`Mock openai reply to: ${prompt}`);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: Math.ceil(prompt.length / 4),
      completion_tokens: 7,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('streams several deltas, with a usage chunk only when include_usage is set', async () => {
    const request = {
      model: 'gpt-4o',
      messages: [{ role: 'user' as const, content: 'stream me' }],
      stream: true as const,
    };
    const deltas: string[] = [];
    let usageChunks = 0;
    for await (const chunk of await openai.chat.completions.create({
      ...request,
      stream_options: { include_usage: true },
    })) {
      if (chunk.usage) usageChunks++;
      const delta = chunk.choices[0]?.delta.content;
      if (delta) deltas.push(delta);
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Mock openai reply to: stream me');
    expect(usageChunks).toBe(1);
    const chunks = [];
    for await (const chunk of await openai.chat.completions.create(request)) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
  });

  it('calls the first tool, streams its arguments, then answers the tool result', async () => {
    const stream = openai.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool, timeTool],
    });
    let argumentDeltas = 0;
    stream.on('tool_calls.function.arguments.delta', () => argumentDeltas++);
    const completion = await stream.finalChatCompletion();
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.id).toMatch(/^call_/);
    expect(call?.type === 'function' && call.function).toMatchObject({
      name: 'get_weather',
      arguments: '{"location":"Paris"}',
    });
    expect(argumentDeltas).toBeGreaterThanOrEqual(2);

    const followUp = await openai.chat.completions.create({
      model: 'gpt-4o',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '22C and sunny' },
      ],
    });
    expect(followUp.choices[0]?.message.content).toBe('Mock openai got tool result: 22C and sunny');
  });

  it('honours a forced tool choice and [[mock:parallel]]', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Both [[mock:parallel]]' }],
      tools: [weatherTool, timeTool],
    });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && call.function.name)).toEqual(['get_weather', 'get_time']);
    expect(calls[1]?.type === 'function' && calls[1].function.arguments).toBe('{"zone":"mock"}');

    const forced = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Time?' }],
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const forcedCall = forced.choices[0]?.message.tool_calls?.[0];
    expect(forcedCall?.type === 'function' && forcedCall.function.name).toBe('get_time');
  });

  it('reports reasoning_content, reasoning tokens and cached tokens', async () => {
    const request = {
      model: 'o4-mini',
      reasoning_effort: 'low' as const,
      messages: [{ role: 'user' as const, content: 'Think [[mock:cached=12]]' }],
    };
    const completion = await openai.chat.completions.create(request);
    expect(reasoningContent(completion.choices[0]?.message)).toBe('Mock reasoning about: Think [[mock:cached=12]]');
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(5);
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(12);
    const reasoning: unknown[] = [];
    for await (const chunk of await openai.chat.completions.create({ ...request, stream: true })) {
      const delta = reasoningContent(chunk.choices[0]?.delta);
      if (delta !== undefined) reasoning.push(delta);
    }
    expect(reasoning.join('')).toBe('Mock reasoning about: Think [[mock:cached=12]]');
  });

  it('serves legacy completions and the model list', async () => {
    const completion = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' });
    expect(completion.choices[0]?.text).toBe('Mock openai reply to: Say hi');
    const models = await openai.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-4o');
  });
});

describe('openai responses', () => {
  it('answers text, JSON and streamed', async () => {
    const response = await openai.responses.create({ model: 'gpt-4.1', input: 'Hi responses' });
    expect(response.output_text).toBe('Mock responses reply to: Hi responses');
    expect(response.usage).toMatchObject({ input_tokens: 3, output_tokens: 6 });

    const stream = openai.responses.stream({ model: 'gpt-4.1', input: [{ role: 'user', content: 'Hi stream' }] });
    const types: string[] = [];
    const sequence: number[] = [];
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
    }
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Mock responses reply to: Hi stream');
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types.filter((type) => type === 'response.output_text.delta').length).toBeGreaterThan(1);
    expect(sequence).toEqual(sequence.map((_, index) => index));
  });

  it('streams reasoning and function calls, then answers the function output', async () => {
    const stream = openai.responses.stream({
      model: 'o4-mini',
      reasoning: { effort: 'low', summary: 'auto' },
      input: 'Weather in Paris?',
      tools: [{ type: 'function', name: 'get_weather', parameters: weatherTool.function.parameters, strict: false }],
    });
    const argumentDeltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => argumentDeltas.push(event.delta));
    const final = await stream.finalResponse();
    const [reasoning, call] = final.output;
    expect(reasoning?.type === 'reasoning' && reasoning.summary[0]?.text).toBe(
      'Mock reasoning about: Weather in Paris?',
    );
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"location":"Paris"}' });
    expect(call?.type === 'function_call' && call.id).toMatch(/^fc_/);
    expect(call?.type === 'function_call' && call.call_id).toMatch(/^call_/);
    expect(argumentDeltas.length).toBeGreaterThanOrEqual(2);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(6);

    const answer = await openai.responses.create({
      model: 'o4-mini',
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'rainy' },
      ],
    });
    expect(answer.output_text).toBe('Mock responses got tool result: rainy');
  });
});

describe('openai embeddings, images, audio', () => {
  const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) =>
    Array.from(a).reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

  it('returns unit vectors where similar texts are close (base64 by SDK default, and floats)', async () => {
    const texts = ['the cat sat on the mat', 'the cat sat on a mat', 'quarterly revenue grew strongly'];
    const { data } = await openai.embeddings.create({ model: 'text-embedding-3-small', input: texts });
    expect(mock.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    const [cat, cat2, revenue] = data.map((item) => item.embedding);
    expect(cat).toHaveLength(64);
    expect(cosine(cat ?? [], cat ?? [])).toBeCloseTo(1, 5);
    expect(cosine(cat ?? [], cat2 ?? [])).toBeGreaterThan(0.7);
    expect(cosine(cat ?? [], revenue ?? [])).toBeLessThan(0.5);

    const floats = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'the cat sat on the mat',
      dimensions: 16,
      encoding_format: 'float',
    });
    const short = floats.data[0]?.embedding ?? [];
    expect(short).toHaveLength(16);
    expect(cosine(short, short)).toBeCloseTo(1, 5);
  });

  it('generates images as b64_json or URL and transcribes audio', async () => {
    const b64 = await openai.images.generate({ model: 'dall-e-3', prompt: 'a dot', response_format: 'b64_json' });
    expect(
      Buffer.from(b64.data?.[0]?.b64_json ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const url = await openai.images.generate({ model: 'dall-e-3', prompt: 'a dot' });
    const image = await fetch(url.data?.[0]?.url ?? '');
    expect(image.headers.get('content-type')).toBe('image/png');

    const file = await toFile(Buffer.alloc(1000), 'speech.mp3', { type: 'audio/mpeg' });
    const transcription = await openai.audio.transcriptions.create({ model: 'whisper-1', file });
    expect(transcription.text).toBe('Mock transcription of speech.mp3 (1000 bytes)');
    const text = await openai.audio.transcriptions.create({ model: 'whisper-1', file, response_format: 'text' });
    expect(String(text).trim()).toBe('Mock transcription of speech.mp3 (1000 bytes)');
    expect(mock.requests.at(-1)?.body).toBeGreaterThan(1000);
  });
});
