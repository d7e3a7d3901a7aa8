import { type ChatRequest, type ChatResponse, type Message, Ollama, type Tool } from 'ollama';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cutPrompt,
  expectToolResults,
  failingPrompt,
  modes,
  pngBase64,
  reasoningText,
  replyText,
  toolCases,
  toolPrompt,
  upstreams,
  useMatrix,
  weatherResultFor,
  weatherSchema,
} from './matrix-setup.js';

const matrix = useMatrix();
let ollama: Ollama;
beforeAll(() => {
  ollama = new Ollama({ host: matrix.harness.url });
});

const tools: Tool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { ...weatherSchema },
    },
  },
];

interface Turn {
  /** The answer's message, a stream's pieces folded together. */
  message: Message;
  /** The whole answer, or the last (`done: true`) stream line. */
  last: ChatResponse;
  lines: number;
}

async function chat(request: Omit<ChatRequest, 'stream'>, stream: boolean): Promise<Turn> {
  if (!stream) {
    const response = await ollama.chat({ ...request, stream: false });
    return { message: response.message, last: response, lines: 1 };
  }
  const message: Message = { role: 'assistant', content: '' };
  let last: ChatResponse | undefined;
  let lines = 0;
  for await (const part of await ollama.chat({ ...request, stream: true })) {
    lines += 1;
    message.content += part.message.content;
    if (part.message.thinking) message.thinking = (message.thinking ?? '') + part.message.thinking;
    if (part.message.tool_calls) message.tool_calls = [...(message.tool_calls ?? []), ...part.message.tool_calls];
    last = part;
  }
  if (last === undefined) throw new Error('empty stream');
  return { message, last, lines };
}

describe.each(upstreams)('Ollama client → $apiType upstream', (upstream) => {
  const { model } = upstream;

  it.each(modes)('answers text with usage ($name)', async ({ stream }) => {
    const { message, last, lines } = await chat(
      { model, messages: [{ role: 'user', content: 'Hello matrix' }] },
      stream,
    );
    expect(message.content).toBe(replyText(upstream, 'Hello matrix'));
    if (stream) expect(lines).toBeGreaterThan(1);
    expect(last.done).toBe(true);
    expect(last.done_reason).toBe('stop');
    expect(last.eval_count).toBeGreaterThan(0);
    expect(last.prompt_eval_count).toBeGreaterThan(0);
  });

  it.each(toolCases)('round-trips tool calls ($name)', async ({ stream, calls }) => {
    const question: Message = { role: 'user', content: toolPrompt(calls) };
    const first = await chat({ model, tools, messages: [question] }, stream);
    const toolCalls = first.message.tool_calls ?? [];
    expect(toolCalls).toHaveLength(calls);
    for (const call of toolCalls) {
      expect(call.function).toMatchObject({ name: 'get_weather', arguments: { location: 'Paris' } });
    }

    // Ollama results carry the tool's name, not a call id: they answer the calls in order.
    const results: Message[] = toolCalls.map((_call, index) => ({
      role: 'tool',
      content: weatherResultFor(index),
      tool_name: 'get_weather',
    }));
    const assistant: Message = { role: 'assistant', content: '', tool_calls: toolCalls };
    const second = await chat({ model, tools, messages: [question, assistant, ...results] }, stream);
    expectToolResults(second.message.content, upstream, calls);
  });

  it.each(modes)('sends an image in the upstream’s own shape ($name)', async ({ stream }) => {
    const { message } = await chat(
      { model, messages: [{ role: 'user', content: 'Describe this image', images: [pngBase64] }] },
      stream,
    );
    expect(message.content).toBe(replyText(upstream, 'Describe this image'));
    upstream.expectImage(matrix.lastRequest().body);
  });

  it.each(modes)('returns reasoning as message.thinking ($name)', async ({ stream }) => {
    const { message } = await chat(
      { model, think: true, messages: [{ role: 'user', content: 'Think first' }] },
      stream,
    );
    upstream.expectReasoningRequested(matrix.lastRequest().body);
    expect(message.thinking).toBe(`${reasoningText} Think first`);
    expect(message.content).toBe(replyText(upstream, 'Think first'));
  });

  it('reports an upstream 500 as a ResponseError with that status', async () => {
    const error = await chat({ model, messages: [{ role: 'user', content: failingPrompt }] }, false).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'ResponseError', status_code: 500 });
  });

  it('fails a stream the upstream cut instead of hanging', async () => {
    await expect(chat({ model, messages: [{ role: 'user', content: cutPrompt }] }, true)).rejects.toThrow();
  });
});
