import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { parseGeminiRequest } from './parse-gemini-request.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function parseError(body: unknown): GatewayError {
  try {
    parseGeminiRequest(body, { model: 'gemini-2.5-flash' });
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('parseGeminiRequest', () => {
  it('translates a multi-turn parallel tool conversation with thoughts and signatures', () => {
    const { value, warnings } = parseGeminiRequest(fixture('request-tools-multi-turn.json'), {
      model: 'gemini-2.5-flash',
      stream: true,
    });
    expect(value).toEqual({
      model: 'gemini-2.5-flash',
      stream: true,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are a concise travel assistant.' }] },
        {
          role: 'user',
          content: [{ type: 'text', text: "What's the weather in Paris and London, and what time is it?" }],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '**Planning the lookups**\n\nTwo cities, one clock.' },
            {
              type: 'tool-call',
              id: 'call_1_1',
              name: 'get_weather',
              arguments: '{"city":"Paris"}',
              signature: 'EpYCCpMCAdHtim9x3Kq1Qm2YbZzGJt7V4wq0cP1Lr9sUe8fNd2kWm3oHaXbTcYv5Rj6Lp4Ng0Qs',
            },
            { type: 'tool-call', id: 'call_1_2', name: 'get_weather', arguments: '{"city":"London"}' },
            { type: 'tool-call', id: 'call_1_3', name: 'get_time', arguments: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_1_1',
              toolName: 'get_weather',
              content: [{ type: 'text', text: '18°C, sunny' }],
            },
            {
              type: 'tool-result',
              toolCallId: 'call_1_2',
              toolName: 'get_weather',
              content: [{ type: 'text', text: '12°C, rain' }],
            },
            {
              type: 'tool-result',
              toolCallId: 'call_1_3',
              toolName: 'get_time',
              content: [{ type: 'text', text: 'clock service unavailable' }],
              isError: true,
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', signature: 'CiQB0e2Kb7QvB7nX4kq2pBvQ1c7N5mC2dJ8Gx3m9pQ1rT0sVwXyZ' },
            { type: 'text', text: "Paris: 18°C and sunny. London: 12°C with rain. I couldn't get the time." },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Thanks! Which one is warmer?' }] },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city.',
          inputSchema: {
            type: 'object',
            properties: {
              city: { type: 'string', description: 'City name' },
              unit: { type: ['string', 'null'], enum: ['celsius', 'fahrenheit'] },
              days: { type: 'integer', minimum: 1, maximum: 7 },
              tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
            },
            required: ['city'],
          },
        },
        { name: 'get_time', description: 'The current UTC time.', inputSchema: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'auto' },
      temperature: 0.4,
      topP: 0.95,
      topK: 40,
      maxOutputTokens: 2048,
      stopSequences: ['END'],
      reasoning: { enabled: true, budgetTokens: 2048, effort: 'medium' },
    });
    expect(warnings).toEqual([
      'tools[1].googleSearch is a Gemini built-in tool the gateway cannot translate; dropped.',
      'safetySettings only apply when the upstream is Gemini; they were not translated.',
    ]);
  });

  it('accepts the snake_case field names of the REST examples, with media and a response schema', () => {
    const { value } = parseGeminiRequest(fixture('request-snake-case-multimodal.json'), { model: 'gemini-2.5-pro' });
    expect(value.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Extract data as JSON.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe this image and summarise the attached invoice.' },
          {
            type: 'image',
            source: {
              kind: 'base64',
              mediaType: 'image/png',
              data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
            },
          },
          {
            type: 'file',
            source: {
              kind: 'url',
              url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123xyz',
              mediaType: 'application/pdf',
            },
          },
        ],
      },
    ]);
    expect(value.stream).toBe(false);
    expect(value.reasoning).toEqual({ enabled: false });
    expect(value.responseFormat).toEqual({
      type: 'json',
      schema: {
        type: 'object',
        properties: {
          caption: { type: 'string' },
          // A property named in snake_case keeps its name: only API field names are rewritten.
          invoice_total: { type: ['number', 'null'] },
          line_items: {
            type: 'array',
            items: {
              type: 'object',
              properties: { description: { type: 'string' }, amount: { type: 'number' } },
              required: ['description'],
            },
          },
        },
        required: ['caption'],
      },
    });
  });

  it('pairs responses by id, keeps JSON-schema parameters and maps a single allowed name to a forced tool', () => {
    const { value } = parseGeminiRequest(fixture('request-json-schema-tools.json'), { model: 'gemini-3-pro-preview' });
    expect(value.messages[1]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          id: 'fc-7f3a1',
          name: 'list_directory',
          arguments: '{"path":"src"}',
          signature: 'CqACAdHtim8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghij',
        },
      ],
    });
    expect(value.messages[2]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'fc-7f3a1',
          toolName: 'list_directory',
          content: [{ type: 'text', text: 'main.ts\napp.ts' }],
        },
      ],
    });
    expect(value.tools?.[0]?.inputSchema).toEqual({
      type: 'object',
      properties: { path: { type: 'string' }, ignore: { type: 'array', items: { type: 'string' } } },
      required: ['path'],
      additionalProperties: false,
    });
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'list_directory' });
    expect(value.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(value.temperature).toBe(0);
  });

  it('splits a user turn holding results and text into a tool message then a user message', () => {
    const { value } = parseGeminiRequest(
      {
        contents: [
          { role: 'user', parts: [{ text: 'go' }] },
          { role: 'model', parts: [{ functionCall: { name: 'shot', args: {} } }] },
          {
            role: 'user',
            parts: [
              { functionResponse: { name: 'shot', response: { width: 10, height: 20 } } },
              { text: 'What do you see?' },
            ],
          },
        ],
      },
      { model: 'm' },
    );
    expect(value.messages.slice(2)).toEqual([
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1_0',
            toolName: 'shot',
            content: [{ type: 'text', text: '{"width":10,"height":20}' }],
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'What do you see?' }] },
    ]);
  });

  it('takes the model from the body when the URL gave none', () => {
    const { value } = parseGeminiRequest({ model: 'models/gemini-2.0-flash', contents: [] });
    expect(value.model).toBe('gemini-2.0-flash');
    expect(value.messages).toEqual([]);
  });

  it('names the bad field in a 400', () => {
    const error = parseError({ contents: [{ role: 'user', parts: [{ text: 42 }] }] });
    expect(error.status).toBe(400);
    expect(error.param).toBe('contents[0].parts[0].text');

    expect(parseError({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }).param).toBe('contents[0].role');
    expect(parseError({ contents: 'hi' }).param).toBe('contents');
    expect(parseError({ contents: [{ role: 'user', parts: [{ functionCall: { name: 'f', args: {} } }] }] }).param).toBe(
      'contents[0].parts[0].functionCall',
    );
    expect(parseError({ contents: [], generationConfig: { candidateCount: 2 } }).param).toBe(
      'generationConfig.candidateCount',
    );
  });

  it('rejects a request without a model', () => {
    expect(() => parseGeminiRequest({ contents: [] })).toThrow(/model is missing/);
  });

  it('maps tool modes and thinking levels', () => {
    const parse = (body: Record<string, unknown>) =>
      parseGeminiRequest({ contents: [], ...body }, { model: 'gemini-3-flash' }).value;
    expect(parse({ toolConfig: { functionCallingConfig: { mode: 'NONE' } } }).toolChoice).toEqual({ type: 'none' });
    const forced = parse({
      tools: [{ functionDeclarations: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'c'] } },
    });
    expect(forced.toolChoice).toEqual({ type: 'required' });
    expect(forced.tools?.map((tool) => tool.name)).toEqual(['a', 'c']);
    expect(parse({ generationConfig: { thinkingConfig: { thinkingLevel: 'MINIMAL' } } }).reasoning).toEqual({
      enabled: true,
      effort: 'minimal',
    });
    expect(parse({ generationConfig: { thinkingConfig: { thinkingBudget: -1 } } }).reasoning).toEqual({
      enabled: true,
    });
    expect(parse({ generationConfig: { thinkingConfig: { thinkingBudget: 24576 } } }).reasoning).toEqual({
      enabled: true,
      budgetTokens: 24576,
      effort: 'high',
    });
  });
});
