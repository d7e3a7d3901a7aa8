import Anthropic from '@anthropic-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cutPrompt,
  expectSignatureReplayed,
  expectToolResults,
  failingPrompt,
  modes,
  pngBase64,
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
let client: Anthropic;
beforeAll(() => {
  client = new Anthropic({ baseURL: matrix.harness.url, apiKey: 'k', maxRetries: 0 });
});

const tools: Anthropic.Tool[] = [
  { name: 'get_weather', description: 'Weather for a city', input_schema: { ...weatherSchema } },
];

/** One Messages turn; a stream is folded into the final Message by the SDK's own MessageStream. */
async function send(
  params: Omit<Anthropic.MessageCreateParamsNonStreaming, 'max_tokens'>,
  stream: boolean,
): Promise<{ message: Anthropic.Message; events: Anthropic.RawMessageStreamEvent[] }> {
  const body = { max_tokens: 4096, ...params };
  if (!stream) return { message: await client.messages.create(body), events: [] };
  const events: Anthropic.RawMessageStreamEvent[] = [];
  const messageStream = client.messages.stream(body);
  messageStream.on('streamEvent', (event) => events.push(event));
  return { message: await messageStream.finalMessage(), events };
}

const textOf = (message: Anthropic.Message) =>
  message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');

describe.each(upstreams)('Anthropic client → $apiType upstream', (upstream) => {
  const { model } = upstream;

  it.each(modes)('answers text with usage ($name)', async ({ stream }) => {
    const { message, events } = await send({ model, messages: [{ role: 'user', content: 'Hello matrix' }] }, stream);
    expect(textOf(message)).toBe(replyText(upstream, 'Hello matrix'));
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    if (stream) {
      const delta = events.findLast((event) => event.type === 'message_delta');
      expect(delta?.type === 'message_delta' && delta.usage.output_tokens).toBeGreaterThan(0);
      expect(events.at(-1)?.type).toBe('message_stop');
    }
  });

  it.each(toolCases)('round-trips tool calls ($name)', async ({ stream, calls }) => {
    const question: Anthropic.MessageParam = { role: 'user', content: toolPrompt(calls) };
    const first = await send({ model, tools, messages: [question] }, stream);
    expect(first.message.stop_reason).toBe('tool_use');
    const uses = first.message.content.flatMap((block) => (block.type === 'tool_use' ? [block] : []));
    expect(uses).toHaveLength(calls);
    for (const use of uses) expect(use).toMatchObject({ name: 'get_weather', input: { location: 'Paris' } });
    expect(new Set(uses.map((use) => use.id)).size).toBe(calls);

    const results: Anthropic.ToolResultBlockParam[] = uses.map((use, index) => ({
      type: 'tool_result',
      tool_use_id: use.id,
      content: weatherResultFor(index),
    }));
    const second = await send(
      {
        model,
        tools,
        messages: [question, { role: 'assistant', content: first.message.content }, { role: 'user', content: results }],
      },
      stream,
    );
    expectToolResults(textOf(second.message), upstream, calls);
  });

  it.each(modes)('sends an image in the upstream’s own shape ($name)', async ({ stream }) => {
    const { message } = await send(
      {
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this image' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } },
            ],
          },
        ],
      },
      stream,
    );
    expect(textOf(message)).toBe(replyText(upstream, 'Describe this image'));
    upstream.expectImage(matrix.lastRequest().body);
  });

  it.each(modes)('returns reasoning as a signed thinking block ($name)', async ({ stream }) => {
    const { message } = await send(
      {
        model,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Think first' }],
      },
      stream,
    );
    upstream.expectReasoningRequested(matrix.lastRequest().body);
    const [thinking, text] = message.content;
    expect(thinking?.type).toBe('thinking');
    if (thinking?.type !== 'thinking') return;
    expect(thinking.thinking).toBe(`${reasoningText} Think first`);
    // Anthropic signs its thinking, Gemini its thoughts, Responses carries encrypted reasoning: each comes back as
    // the signature so the turn can be replayed. Chat Completions and Ollama have nothing to sign with.
    const signatures = { anthropic: /^sig_mock_\d+$/, gemini: /^[A-Za-z0-9+/]+=*$/, responses: /^enc_mock_rs_/ };
    const expected = signatures[upstream.apiType as keyof typeof signatures];
    if (expected) expect(thinking.signature).toMatch(expected);
    else expect(thinking.signature).toBe('');
    expect(text).toMatchObject({ type: 'text', text: replyText(upstream, 'Think first') });
  });

  it('sends a signed thinking block back with the tool result', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris?' };
    const thinking = { type: 'enabled', budget_tokens: 2048 } as const;
    const first = await send({ model, tools, thinking, messages: [question] }, true);
    const call = first.message.content.find((block) => block.type === 'tool_use');
    if (call?.type !== 'tool_use') throw new Error('expected a tool call');
    const second = await send(
      {
        model,
        tools,
        thinking,
        messages: [
          question,
          { role: 'assistant', content: first.message.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: weatherResult }] },
        ],
      },
      false,
    );
    expect(textOf(second.message)).toContain(toolResultText(upstream));
    const signed = first.message.content.find((block) => block.type === 'thinking');
    expectSignatureReplayed(
      upstream,
      signed?.type === 'thinking' ? signed.signature : undefined,
      matrix.lastRequest().body,
    );
  });

  it('reports an upstream 500 as an InternalServerError', async () => {
    const error = await send({ model, messages: [{ role: 'user', content: failingPrompt }] }, false).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toMatchObject({ status: 500, error: { type: 'error', error: { type: 'api_error' } } });
  });

  it('fails a stream the upstream cut instead of hanging', async () => {
    const failed = send({ model, messages: [{ role: 'user', content: cutPrompt }] }, true);
    await expect(failed).rejects.toBeInstanceOf(Anthropic.APIError);
  });
});

describe('count_tokens', () => {
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'How many tokens is this prompt?' }];

  it('asks an Anthropic upstream', async () => {
    const { input_tokens } = await client.messages.countTokens({ model: 'up-anthropic/claude-sonnet-4-5', messages });
    expect(input_tokens).toBeGreaterThan(0);
    expect(matrix.lastRequest()).toMatchObject({
      path: '/v1/messages/count_tokens',
      body: { model: 'claude-sonnet-4-5', messages },
    });
  });

  it('estimates with a tokenizer for an OpenAI upstream', async () => {
    const { input_tokens } = await client.messages.countTokens({ model: 'up-openai/gpt-5-mini', messages });
    expect(input_tokens).toBeGreaterThan(0);
    expect(matrix.mock.requests).toHaveLength(0);
  });
});
