import OpenAI from 'openai';
import type {
  FunctionTool,
  Response,
  ResponseCreateParamsNonStreaming,
  ResponseInputItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cutPrompt,
  expectSignatureReplayed,
  expectToolResults,
  failingPrompt,
  modes,
  pngDataUrl,
  reasoningText,
  replyText,
  toolCases,
  toolPrompt,
  toolResultText,
  upstreams,
  useMatrix,
  weatherResult,
  weatherResultFor,
  weatherSchema,
} from './matrix-setup.js';

const matrix = useMatrix();
let client: OpenAI;
beforeAll(() => {
  client = new OpenAI({ baseURL: `${matrix.harness.url}/v1`, apiKey: 'k', maxRetries: 0 });
});

const tools: FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { ...weatherSchema },
    strict: false,
  },
];

/** One Responses turn; a stream is folded into the final Response by the SDK's own ResponseStream. */
async function respond(
  params: Omit<ResponseCreateParamsNonStreaming, 'stream'>,
  stream: boolean,
): Promise<{ response: Response; events: ResponseStreamEvent[] }> {
  if (!stream) return { response: await client.responses.create({ ...params, stream: false }), events: [] };
  const responseStream = client.responses.stream(params);
  const events: ResponseStreamEvent[] = [];
  for await (const event of responseStream) events.push(event);
  return { response: await responseStream.finalResponse(), events };
}

const reasoningOf = (response: Response) =>
  response.output.flatMap((item) => (item.type === 'reasoning' ? item.summary.map((part) => part.text) : [])).join('');

describe.each(upstreams)('OpenAI Responses client → $apiType upstream', (upstream) => {
  const { model } = upstream;

  it.each(modes)('answers text with usage ($name)', async ({ stream }) => {
    const { response, events } = await respond({ model, input: 'Hello matrix' }, stream);
    expect(response.output_text).toBe(replyText(upstream, 'Hello matrix'));
    expect(response.status).toBe('completed');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    if (stream) {
      const last = events.at(-1);
      expect(last?.type).toBe('response.completed');
      expect(last?.type === 'response.completed' && last.response.usage?.output_tokens).toBeGreaterThan(0);
    }
  });

  it.each(toolCases)('round-trips function calls ($name)', async ({ stream, calls }) => {
    const question: ResponseInputItem = { role: 'user', content: toolPrompt(calls) };
    const first = await respond({ model, tools, input: [question] }, stream);
    const functionCalls = first.response.output.flatMap((item) => (item.type === 'function_call' ? [item] : []));
    expect(functionCalls).toHaveLength(calls);
    for (const call of functionCalls) {
      expect(call.name).toBe('get_weather');
      expect(JSON.parse(call.arguments)).toEqual({ location: 'Paris' });
    }
    expect(new Set(functionCalls.map((call) => call.call_id)).size).toBe(calls);

    // Clients send the output items back as they came, then the output of each call.
    const replay = first.response.output as ResponseInputItem[];
    const outputs: ResponseInputItem[] = functionCalls.map((call, index) => ({
      type: 'function_call_output',
      call_id: call.call_id,
      output: weatherResultFor(index),
    }));
    const second = await respond({ model, tools, input: [question, ...replay, ...outputs] }, stream);
    expectToolResults(second.response.output_text, upstream, calls);
  });

  it.each(modes)('sends an image in the upstream’s own shape ($name)', async ({ stream }) => {
    const { response } = await respond(
      {
        model,
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Describe this image' },
              { type: 'input_image', image_url: pngDataUrl, detail: 'auto' },
            ],
          },
        ],
      },
      stream,
    );
    expect(response.output_text).toBe(replyText(upstream, 'Describe this image'));
    upstream.expectImage(matrix.lastRequest().body);
  });

  it.each(modes)('returns reasoning as a reasoning item ($name)', async ({ stream }) => {
    const { response, events } = await respond(
      { model, input: 'Think first', reasoning: { effort: 'low', summary: 'auto' } },
      stream,
    );
    upstream.expectReasoningRequested(matrix.lastRequest().body);
    expect(response.output[0]?.type).toBe('reasoning');
    expect(reasoningOf(response)).toBe(`${reasoningText} Think first`);
    expect(response.output_text).toBe(replyText(upstream, 'Think first'));
    if (stream) {
      const deltas = events.flatMap((event) =>
        event.type === 'response.reasoning_summary_text.delta' ? [event.delta] : [],
      );
      expect(deltas.join('')).toBe(`${reasoningText} Think first`);
    }
  });

  it('sends encrypted reasoning back with the function call output', async () => {
    const question: ResponseInputItem = { role: 'user', content: 'Weather in Paris?' };
    const reasoning = { effort: 'low', summary: 'auto' } as const;
    const include: ['reasoning.encrypted_content'] = ['reasoning.encrypted_content'];
    const first = await respond({ model, tools, reasoning, include, store: false, input: [question] }, true);
    const item = first.response.output.find((entry) => entry.type === 'reasoning');
    const call = first.response.output.find((entry) => entry.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    const output: ResponseInputItem = { type: 'function_call_output', call_id: call.call_id, output: weatherResult };
    const replay = first.response.output as ResponseInputItem[];
    const second = await respond({ model, tools, reasoning, include, input: [question, ...replay, output] }, false);
    expect(second.response.output_text).toContain(toolResultText(upstream));
    const signature = item?.type === 'reasoning' ? (item.encrypted_content ?? undefined) : undefined;
    expectSignatureReplayed(upstream, signature, matrix.lastRequest().body);
  });

  it('reports an upstream 500 as an APIError with that status', async () => {
    const error = await client.responses.create({ model, input: failingPrompt }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ status: 500 });
  });

  it('fails a stream the upstream cut instead of hanging', async () => {
    await expect(respond({ model, input: cutPrompt }, true)).rejects.toBeInstanceOf(OpenAI.APIError);
  });
});
