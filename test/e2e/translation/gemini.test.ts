import {
  ApiError,
  type Content,
  type GenerateContentConfig,
  type GenerateContentResponse,
  GoogleGenAI,
  type Part,
} from '@google/genai';
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
let ai: GoogleGenAI;
beforeAll(() => {
  ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: matrix.harness.url } });
});

const tools: GenerateContentConfig['tools'] = [
  {
    functionDeclarations: [
      { name: 'get_weather', description: 'Weather for a city', parametersJsonSchema: { ...weatherSchema } },
    ],
  },
];

interface Turn {
  /** Every part of the answer, in order (a stream's chunks concatenated). */
  parts: Part[];
  /** The last response object (the whole answer, or the last stream chunk). */
  last: GenerateContentResponse;
  chunks: number;
}

async function generate(
  params: { model: string; contents: Content[]; config?: GenerateContentConfig },
  stream: boolean,
): Promise<Turn> {
  if (!stream) {
    const response = await ai.models.generateContent(params);
    return { parts: response.candidates?.[0]?.content?.parts ?? [], last: response, chunks: 1 };
  }
  const parts: Part[] = [];
  let last: GenerateContentResponse | undefined;
  let chunks = 0;
  for await (const chunk of await ai.models.generateContentStream(params)) {
    chunks += 1;
    parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
    last = chunk;
  }
  if (last === undefined) throw new Error('empty stream');
  return { parts, last, chunks };
}

const answerText = (parts: Part[]) =>
  parts
    .filter((part) => part.thought !== true)
    .map((part) => part.text ?? '')
    .join('');
const user = (text: string): Content => ({ role: 'user', parts: [{ text }] });

describe.each(upstreams)('Gemini client → $apiType upstream', (upstream) => {
  const { model } = upstream;

  it.each(modes)('answers text with usage ($name)', async ({ stream }) => {
    const { parts, last, chunks } = await generate({ model, contents: [user('Hello matrix')] }, stream);
    expect(answerText(parts)).toBe(replyText(upstream, 'Hello matrix'));
    if (stream) expect(chunks).toBeGreaterThan(1);
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    expect(last.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
  });

  it.each(toolCases)('round-trips function calls ($name)', async ({ stream, calls }) => {
    const question = user(toolPrompt(calls));
    const first = await generate({ model, contents: [question], config: { tools } }, stream);
    const functionCalls = first.parts.flatMap((part) => (part.functionCall ? [part.functionCall] : []));
    expect(functionCalls).toHaveLength(calls);
    for (const call of functionCalls) expect(call).toMatchObject({ name: 'get_weather', args: { location: 'Paris' } });

    // Like real clients, answer in call order and echo an id when the call had one.
    const responses: Part[] = functionCalls.map((call, index) => ({
      functionResponse: {
        name: 'get_weather',
        response: { result: weatherResultFor(index) },
        ...(call.id ? { id: call.id } : {}),
      },
    }));
    const second = await generate(
      {
        model,
        config: { tools },
        contents: [question, { role: 'model', parts: first.parts }, { role: 'user', parts: responses }],
      },
      stream,
    );
    expectToolResults(answerText(second.parts), upstream, calls);
  });

  it.each(modes)('sends an image in the upstream’s own shape ($name)', async ({ stream }) => {
    const contents: Content[] = [
      {
        role: 'user',
        parts: [{ text: 'Describe this image' }, { inlineData: { mimeType: 'image/png', data: pngBase64 } }],
      },
    ];
    const { parts } = await generate({ model, contents }, stream);
    expect(answerText(parts)).toBe(replyText(upstream, 'Describe this image'));
    upstream.expectImage(matrix.lastRequest().body);
  });

  it.each(modes)('returns reasoning as thought parts ($name)', async ({ stream }) => {
    const config = { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } };
    const { parts } = await generate({ model, contents: [user('Think first')], config }, stream);
    upstream.expectReasoningRequested(matrix.lastRequest().body);
    const thoughts = parts.filter((part) => part.thought === true);
    expect(thoughts.map((part) => part.text).join('')).toBe(`${reasoningText} Think first`);
    expect(answerText(parts)).toBe(replyText(upstream, 'Think first'));
    // Thoughts come before the answer.
    expect(parts.findIndex((part) => part.thought !== true)).toBeGreaterThan(
      parts.findLastIndex((part) => part.thought),
    );
  });

  it('sends the thought signature back with the function response', async () => {
    const question = user('Weather in Paris?');
    const config = { tools, thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } };
    const first = await generate({ model, contents: [question], config }, true);
    const signature = first.parts.find((part) => part.thoughtSignature)?.thoughtSignature;
    const response = { name: 'get_weather', response: { result: weatherResult } };
    const second = await generate(
      {
        model,
        config,
        contents: [
          question,
          { role: 'model', parts: first.parts },
          { role: 'user', parts: [{ functionResponse: response }] },
        ],
      },
      false,
    );
    expect(answerText(second.parts)).toContain(toolResultText(upstream));
    expectSignatureReplayed(upstream, signature, matrix.lastRequest().body);
  });

  it('reports an upstream 500 as an ApiError with that status', async () => {
    const error = await generate({ model, contents: [user(failingPrompt)] }, false).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500 });
  });

  it('fails a stream the upstream cut instead of hanging', async () => {
    await expect(generate({ model, contents: [user(cutPrompt)] }, true)).rejects.toThrow();
  });
});
