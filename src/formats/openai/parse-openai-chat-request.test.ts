import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { CanonicalRequest } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { openaiCodec, readIncludeUsage } from './index.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function parse(body: unknown) {
  return openaiCodec.parseRequest(body);
}

function errorOf(body: unknown): GatewayError {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const user = [{ role: 'user', content: 'Hi' }];

describe('parseRequest fixtures', () => {
  test('an agent turn with images, a PDF, parallel tool calls and their results', () => {
    const { value, warnings } = parse(fixture('agent-tools.request.json'));
    expect(value).toEqual<CanonicalRequest>({
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are a weather assistant. Use tools when needed.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in English.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is the weather in Paris and what time is it there? Here is a photo.' },
            {
              type: 'image',
              source: { kind: 'base64', mediaType: 'image/png', data: expect.stringMatching(/^iVBORw0KGgo/) },
              detail: 'low',
            },
            {
              type: 'image',
              source: { kind: 'url', url: 'https://upload.wikimedia.org/wikipedia/commons/4/4b/La_Tour_Eiffel.jpg' },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              id: 'call_8Jm2QhTqXz0bW5vR1nKd3sYp',
              name: 'get_weather',
              arguments: '{"city":"Paris","unit":"celsius"}',
            },
            {
              type: 'tool-call',
              id: 'call_Lr4nV7cPzA9kE2tQ6wXb1mHs',
              name: 'get_time',
              arguments: '{"timezone":"Europe/Paris"}',
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_8Jm2QhTqXz0bW5vR1nKd3sYp',
              toolName: 'get_weather',
              content: [{ type: 'text', text: '{"temperature":18,"condition":"cloudy"}' }],
            },
            {
              type: 'tool-result',
              toolCallId: 'call_Lr4nV7cPzA9kE2tQ6wXb1mHs',
              toolName: 'get_time',
              content: [{ type: 'text', text: '14:05' }],
            },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'It is 18 °C and cloudy in Paris; the local time is 14:05.' }],
        },
        { role: 'user', content: [{ type: 'text', text: 'Thanks! Summarize this report.' }] },
        {
          role: 'user',
          content: [
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: expect.stringMatching(/^JVBERi0x/) },
              filename: 'report.pdf',
            },
          ],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          inputSchema: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
            required: ['city', 'unit'],
            additionalProperties: false,
          },
          strict: true,
        },
        {
          name: 'get_time',
          description: 'Local time in a timezone',
          inputSchema: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
        },
      ],
      toolChoice: { type: 'auto' },
      parallelToolCalls: true,
      maxOutputTokens: 1024,
      temperature: 0.2,
      topP: 0.9,
      seed: 42,
      stopSequences: ['END'],
      frequencyPenalty: 0.1,
      presencePenalty: 0,
      stream: true,
      user: 'user-1234',
    });
    expect(warnings).toEqual(['messages[].name (participant name) is not supported and was dropped']);
  });

  test('DeepSeek-style reasoning history keeps reasoning_content as a reasoning part before the calls', () => {
    const { value } = parse(fixture('deepseek-reasoning-history.request.json'));
    expect(value.messages[2]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: "The user wants tomorrow's weather; I should call get_date first." },
        { type: 'tool-call', id: 'call_00_Dv7yUQk3', name: 'get_date', arguments: '{}' },
      ],
    });
    expect(value.reasoning).toEqual({ effort: 'high' });
    expect(value.maxOutputTokens).toBe(8192);
    expect(value.stream).toBe(false);
  });

  test('legacy functions and function_call map to tools and matched tool results', () => {
    const { value } = parse(fixture('legacy-functions.request.json'));
    expect(value.tools).toEqual([
      {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        inputSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
      },
    ]);
    expect(value.toolChoice).toEqual({ type: 'auto' });
    expect(value.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            id: 'call_legacy_1',
            name: 'get_current_weather',
            arguments: '{"location":"Boston, MA"}',
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_legacy_1',
            toolName: 'get_current_weather',
            content: [{ type: 'text', text: '{"temperature":"72","unit":"fahrenheit"}' }],
          },
        ],
      },
    ]);
  });

  test('structured output, a string stop and logprob warnings', () => {
    const { value, warnings } = parse(fixture('structured-output.request.json'));
    expect(value.responseFormat).toEqual({
      type: 'json',
      name: 'calendar_event',
      description: 'An event',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          date: { type: 'string' },
          participants: { type: 'array', items: { type: 'string' } },
        },
        required: ['name', 'date', 'participants'],
        additionalProperties: false,
      },
    });
    expect(value.stopSequences).toEqual(['\n\n']);
    expect(value.maxOutputTokens).toBe(256);
    expect(warnings).toEqual([
      'logprobs are not supported and are not returned',
      'top_logprobs is not supported: logprobs are not returned',
    ]);
  });

  test('readIncludeUsage reads stream_options.include_usage', () => {
    expect(readIncludeUsage(fixture('agent-tools.request.json'))).toBe(true);
    expect(readIncludeUsage(fixture('legacy-functions.request.json'))).toBe(false);
  });
});

describe('parseRequest field handling', () => {
  test('max_completion_tokens wins over max_tokens', () => {
    expect(parse({ model: 'm', messages: user, max_tokens: 10, max_completion_tokens: 20 }).value.maxOutputTokens).toBe(
      20,
    );
  });

  test('explicit nulls count as absent', () => {
    const { value } = parse({ model: 'm', messages: user, temperature: null, stop: null, tools: null, n: null });
    expect(value).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
    });
  });

  test.each([
    ['none', { enabled: false }, 0],
    ['minimal', { effort: 'minimal' }, 0],
    ['xhigh', { effort: 'high' }, 1],
    ['max', { effort: 'high' }, 1],
  ])('reasoning_effort %s', (effort, expected, warningCount) => {
    const { value, warnings } = parse({ model: 'm', messages: user, reasoning_effort: effort });
    expect(value.reasoning).toEqual(expected);
    expect(warnings).toHaveLength(warningCount);
  });

  test('the OpenRouter-style reasoning object is accepted', () => {
    const { value } = parse({ model: 'm', messages: user, reasoning: { effort: 'low', max_tokens: 2000 } });
    expect(value.reasoning).toEqual({ effort: 'low', budgetTokens: 2000 });
  });

  test('tool_choice forms', () => {
    const tools = [
      { type: 'function', function: { name: 'a' } },
      { type: 'function', function: { name: 'b' } },
    ];
    expect(parse({ model: 'm', messages: user, tools, tool_choice: 'required' }).value.toolChoice).toEqual({
      type: 'required',
    });
    expect(
      parse({ model: 'm', messages: user, tools, tool_choice: { type: 'function', function: { name: 'b' } } }).value
        .toolChoice,
    ).toEqual({ type: 'tool', name: 'b' });
    const allowed = parse({
      model: 'm',
      messages: user,
      tools,
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'a' } }] },
      },
    }).value;
    expect(allowed.tools?.map((tool) => tool.name)).toEqual(['a']);
    expect(allowed.toolChoice).toEqual({ type: 'required' });
    expect(allowed.tools?.[0]?.inputSchema).toEqual({ type: 'object', properties: {} });
  });

  test('cache marks on parts (OpenRouter cache_control, OpenAI prompt_cache_breakpoint) become cacheControl', () => {
    const { value } = parse({
      model: 'm',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'long', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
        { role: 'user', content: [{ type: 'text', text: 'q', prompt_cache_breakpoint: { mode: 'explicit' } }] },
      ],
    });
    expect(value.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'long', cacheControl: { type: 'ephemeral', ttl: '1h' } }] },
      { role: 'user', content: [{ type: 'text', text: 'q', cacheControl: { type: 'ephemeral' } }] },
    ]);
  });

  test('assistant refusal and OpenRouter `reasoning` are kept', () => {
    const { value } = parse({
      model: 'm',
      messages: [
        ...user,
        { role: 'assistant', content: null, refusal: "I can't help with that.", reasoning: 'Policy says no.' },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Policy says no.' },
        { type: 'text', text: "I can't help with that." },
      ],
    });
  });

  test('raw base64 file_data takes its media type from the filename', () => {
    const { value } = parse({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'notes.txt', file_data: 'aGVsbG8=' } }] }],
    });
    expect(value.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: 'aGVsbG8=' }, filename: 'notes.txt' },
      ],
    });
  });
});

describe('parseRequest rejects what it cannot serve, naming the field', () => {
  test.each<[string, unknown, string]>([
    ['a non-object body', 'hello', 'body'],
    ['a missing model', { messages: user }, 'model'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['n > 1', { model: 'm', messages: user, n: 2 }, 'n'],
    ['an unknown role', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [
      'input_audio',
      {
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }] }],
      },
      'messages[0].content[0]',
    ],
    [
      'a file_id',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }] },
      'messages[0].content[0].file.file_id',
    ],
    ['a bad temperature', { model: 'm', messages: user, temperature: 'hot' }, 'temperature'],
    [
      'a custom tool',
      { model: 'm', messages: user, tools: [{ type: 'custom', custom: { name: 'x' } }] },
      'tools[0].type',
    ],
    ['audio output', { model: 'm', messages: user, modalities: ['text', 'audio'] }, 'modalities'],
    ['a bad effort', { model: 'm', messages: user, reasoning_effort: 'extreme' }, 'reasoning_effort'],
    [
      'a tool message without tool_call_id',
      { model: 'm', messages: [...user, { role: 'tool', content: 'x' }] },
      'messages[1].tool_call_id',
    ],
    [
      'a non-base64 data URL',
      {
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }] }],
      },
      'messages[0].content[0].image_url.url',
    ],
  ])('%s', (_name, body, param) => {
    const error = errorOf(body);
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });
});
