// The raw stream grammar of each client format, checked on the bytes the gateway writes (read with fetch, no SDK
// in between): event order, indices, sequence numbers, terminators, usage, and never an empty or `null` frame.
import { expect } from 'vitest';
import { type UpstreamApiType, weatherSchema } from './matrix-setup.js';
import { type Frame, jsonOf, parseNdjson, parseSse } from './raw-frames.js';

export interface StreamRequestOptions {
  prompt: string;
  /** Default true. */
  stream?: boolean;
  tools?: boolean;
  reasoning?: boolean;
}

export interface ClientStream {
  name: string;
  /** The node apiType of the same format: that pair takes the pass-through path. */
  upstreamApiType: UpstreamApiType;
  framing: 'sse' | 'ndjson';
  request(model: string, options: StreamRequestOptions): { path: string; body: unknown };
  /** The grammar of a stream that completed. */
  expectComplete(frames: Frame[]): void;
  /**
   * The grammar of a stream that failed after it started: it ends with the format's error event. `passThrough`:
   * the client and upstream formats are the same, so the frames before the error are the upstream's own.
   */
  expectFailed(frames: Frame[], options?: { passThrough?: boolean }): void;
  /** An error answered before any frame: the format's own error body for an upstream (5xx) failure. */
  expectErrorBody(body: any, status: number): void;
}

const userText = (prompt: string) => [{ role: 'user', content: prompt }];
const functionTool = { name: 'get_weather', description: 'Weather for a city', parameters: weatherSchema };

const openaiChat: ClientStream = {
  name: 'OpenAI chat',
  upstreamApiType: 'openai',
  framing: 'sse',
  request: (model, { prompt, tools, reasoning, stream = true }) => ({
    path: '/v1/chat/completions',
    body: {
      model,
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
      messages: userText(prompt),
      ...(tools ? { tools: [{ type: 'function', function: functionTool }] } : {}),
      ...(reasoning ? { reasoning_effort: 'low' } : {}),
    },
  }),
  expectComplete(frames) {
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const chunks = jsonOf(frames.slice(0, -1));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk).toMatchObject({ object: 'chat.completion.chunk', id: chunks[0].id });
    const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishes).toHaveLength(1);
    // Nothing but a usage-only chunk may follow the finish.
    const after = chunks.slice(chunks.indexOf(finishes[0]) + 1);
    for (const chunk of after) expect(chunk.choices).toEqual([]);
    expect(chunks.at(-1).usage.completion_tokens).toBeGreaterThan(0);
    // Each tool call opens with its id and name, at consecutive indices.
    const opened: number[] = [];
    for (const call of chunks.flatMap((chunk) => chunk.choices[0]?.delta?.tool_calls ?? [])) {
      if (opened.includes(call.index)) continue;
      expect(call).toMatchObject({ index: opened.length, id: expect.any(String), function: { name: 'get_weather' } });
      opened.push(call.index);
    }
  },
  expectFailed(frames) {
    const json = frames.filter((frame) => frame.data !== '[DONE]');
    expect(json.length).toBeGreaterThanOrEqual(frames.length - 1);
    expect(jsonOf(json).at(-1)).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
  },
  expectErrorBody: (body) =>
    expect(body).toMatchObject({ error: { message: expect.any(String), type: 'server_error' } }),
};

const responses: ClientStream = {
  name: 'OpenAI Responses',
  upstreamApiType: 'responses',
  framing: 'sse',
  request: (model, { prompt, tools, reasoning, stream = true }) => ({
    path: '/v1/responses',
    body: {
      model,
      stream,
      input: prompt,
      ...(tools ? { tools: [{ type: 'function', strict: false, ...functionTool }] } : {}),
      ...(reasoning ? { reasoning: { effort: 'low', summary: 'auto' } } : {}),
    },
  }),
  expectComplete(frames) {
    const events = checkResponsesEvents(frames);
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1).type).toBe('response.completed');
    expect(events.at(-1).response.usage.output_tokens).toBeGreaterThan(0);
    // Output items are added at consecutive indices, every item event belongs to an item that is open, and every
    // item is done before the response completes. (Parallel calls from a Chat Completions upstream stay open
    // side by side until its finish, which the SDK accepts; the live API happens to send them one after another.)
    const open = new Set<number>();
    let next = 0;
    for (const event of events.slice(1, -1)) {
      if (event.type === 'response.output_item.added') {
        expect(event.output_index).toBe(next);
        open.add(next++);
      } else if ('output_index' in event) {
        expect(open.has(event.output_index), `${event.type} for a closed item`).toBe(true);
        if (event.type === 'response.output_item.done') open.delete(event.output_index);
      }
    }
    expect(open.size).toBe(0);
    expect(next).toBe(events.at(-1).response.output.length);
  },
  expectFailed(frames, { passThrough = false } = {}) {
    // Known gap: after a pass-through cut the gateway's error event restarts at sequence_number 0, because
    // ClientCodec.renderStreamError cannot see the last forwarded event (a core interface change; see the report).
    const numbered = passThrough ? frames.slice(0, -1) : frames;
    checkResponsesEvents(numbered);
    const events = jsonOf(frames);
    const error = events.find((event) => event.type === 'error');
    expect(error).toMatchObject({ message: expect.any(String) });
    expect(['error', 'response.failed']).toContain(events.at(-1).type);
  },
  expectErrorBody: (body) =>
    expect(body).toMatchObject({
      error: { message: expect.any(String), type: 'server_error', code: expect.any(String) },
    }),
};

/** Event names match `type`, and sequence numbers rise strictly from 0. */
function checkResponsesEvents(frames: Frame[]): any[] {
  const events = jsonOf(frames);
  events.forEach((event, index) => {
    expect(frames[index]?.event).toBe(event.type);
    expect(event.sequence_number, `sequence of ${event.type}`).toBe(index);
  });
  return events;
}

const anthropic: ClientStream = {
  name: 'Anthropic',
  upstreamApiType: 'anthropic',
  framing: 'sse',
  request: (model, { prompt, tools, reasoning, stream = true }) => ({
    path: '/v1/messages',
    body: {
      model,
      max_tokens: 4096,
      stream,
      messages: userText(prompt),
      ...(tools ? { tools: [{ name: 'get_weather', input_schema: weatherSchema }] } : {}),
      ...(reasoning ? { thinking: { type: 'enabled', budget_tokens: 2048 } } : {}),
    },
  }),
  expectComplete(frames) {
    const events = checkAnthropicEvents(frames).filter((event) => event.type !== 'ping');
    expect(events[0].type).toBe('message_start');
    expect(events.at(-2).type).toBe('message_delta');
    expect(events.at(-2).usage.output_tokens).toBeGreaterThan(0);
    expect(events.at(-1).type).toBe('message_stop');
    const deltaTypes: Record<string, string[]> = {
      text: ['text_delta'],
      thinking: ['thinking_delta', 'signature_delta'],
      tool_use: ['input_json_delta'],
    };
    let open: { index: number; type: string } | undefined;
    let next = 0;
    for (const event of events.slice(1, -2)) {
      if (event.type === 'content_block_start') {
        expect(open).toBeUndefined();
        expect(event.index).toBe(next++);
        open = { index: event.index, type: event.content_block.type };
      } else if (event.type === 'content_block_delta') {
        expect(event.index).toBe(open?.index);
        expect(deltaTypes[open?.type ?? '']).toContain(event.delta.type);
      } else {
        expect(event).toMatchObject({ type: 'content_block_stop', index: open?.index });
        open = undefined;
      }
    }
    expect(open).toBeUndefined();
    expect(next).toBeGreaterThan(0);
  },
  expectFailed(frames) {
    const events = checkAnthropicEvents(frames);
    expect(events[0].type).toBe('message_start');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { type: expect.any(String), message: expect.any(String) },
    });
    expect(events.some((event) => event.type === 'message_stop')).toBe(false);
  },
  expectErrorBody: (body) =>
    expect(body).toEqual({ type: 'error', error: { type: 'api_error', message: expect.any(String) } }),
};

function checkAnthropicEvents(frames: Frame[]): any[] {
  const events = jsonOf(frames);
  for (const [index, event] of events.entries()) expect(frames[index]?.event).toBe(event.type);
  return events;
}

const geminiDeclaration = {
  name: 'get_weather',
  description: 'Weather for a city',
  parametersJsonSchema: weatherSchema,
};

const gemini: ClientStream = {
  name: 'Gemini',
  upstreamApiType: 'gemini',
  framing: 'sse',
  request: (model, { prompt, tools, reasoning, stream = true }) => ({
    path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    body: {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      ...(tools ? { tools: [{ functionDeclarations: [geminiDeclaration] }] } : {}),
      ...(reasoning ? { generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } } } : {}),
    },
  }),
  expectComplete(frames) {
    const chunks = jsonOf(frames);
    for (const frame of frames) expect(frame.event).toBeUndefined();
    for (const chunk of chunks) expect(chunk.candidates).toHaveLength(1);
    const last = chunks.at(-1);
    expect(last.candidates[0].finishReason).toBe('STOP');
    expect(last.usageMetadata.candidatesTokenCount).toBeGreaterThan(0);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.candidates?.[0]?.finishReason).toBeUndefined();
  },
  expectFailed(frames) {
    const chunks = jsonOf(frames);
    expect(chunks.at(-1)).toMatchObject({ error: { code: expect.any(Number), message: expect.any(String) } });
  },
  expectErrorBody: (body, status) =>
    expect(body).toMatchObject({ error: { code: status, message: expect.any(String), status: 'INTERNAL' } }),
};

const ollama: ClientStream = {
  name: 'Ollama',
  upstreamApiType: 'ollama',
  framing: 'ndjson',
  request: (model, { prompt, tools, reasoning, stream = true }) => ({
    path: '/api/chat',
    body: {
      model,
      stream,
      messages: userText(prompt),
      ...(tools ? { tools: [{ type: 'function', function: functionTool }] } : {}),
      ...(reasoning ? { think: true } : {}),
    },
  }),
  expectComplete(frames) {
    const lines = jsonOf(frames);
    expect(lines.length).toBeGreaterThan(1);
    const last = lines.at(-1);
    expect(last).toMatchObject({ done: true, done_reason: expect.any(String) });
    expect(last.eval_count).toBeGreaterThan(0);
    for (const line of lines.slice(0, -1)) expect(line).toMatchObject({ done: false, message: { role: 'assistant' } });
  },
  expectFailed(frames) {
    const lines = jsonOf(frames);
    expect(lines.at(-1)).toMatchObject({ error: expect.any(String) });
    expect(lines.some((line) => line.done === true)).toBe(false);
  },
  expectErrorBody: (body) => expect(body).toEqual({ error: expect.any(String) }),
};

export const clientStreams: ClientStream[] = [openaiChat, responses, anthropic, gemini, ollama];

/** Posts a request and reads the whole body as text (frames when streamed); the test's timeout catches a hang. */
export async function readStream(
  baseUrl: string,
  client: ClientStream,
  model: string,
  options: StreamRequestOptions,
): Promise<{ status: number; contentType: string | null; frames: Frame[]; text: string }> {
  const { path, body } = client.request(model, options);
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const streamed = response.status === 200 && options.stream !== false;
  const frames = streamed ? (client.framing === 'sse' ? parseSse(text) : parseNdjson(text)) : [];
  return { status: response.status, contentType: response.headers.get('content-type'), frames, text };
}
