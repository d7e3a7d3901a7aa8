import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import { anthropicCodec } from './index.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function parseError(body: unknown): GatewayError {
  try {
    anthropicCodec.parseRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const base = { model: 'claude-sonnet-4-5', max_tokens: 256 };

describe('anthropicCodec.parseRequest', () => {
  it('reads a Claude Code request: cached system blocks, tools, thinking, tool loop', () => {
    const wire = JSON.parse(readFileSync(new URL('./__fixtures__/claude-code-request.json', import.meta.url), 'utf8'));
    const { value, warnings } = anthropicCodec.parseRequest(wire);
    const expected: CanonicalRequest = {
      model: 'claude-sonnet-4-5-20250929',
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: wire.system[0].text, cacheControl: { type: 'ephemeral' } },
            { type: 'text', text: wire.system[1].text, cacheControl: { type: 'ephemeral' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: wire.messages[0].content[0].text },
            { type: 'text', text: 'The test in src/sum.test.ts fails, please fix it' },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'reasoning',
              text: wire.messages[1].content[0].thinking,
              signature: wire.messages[1].content[0].signature,
            },
            { type: 'text', text: "I'll read the test and run it to see the failure." },
            {
              type: 'tool-call',
              id: 'toolu_01A09q90qw90lq917835lq9',
              name: 'Read',
              arguments: '{"file_path":"/home/dev/sum-lib/src/sum.test.ts"}',
            },
            {
              type: 'tool-call',
              id: 'toolu_01B3kTn5cV8xWq2pLm7rZs4D',
              name: 'Bash',
              arguments: '{"command":"npx vitest run src/sum.test.ts","description":"Run the failing test"}',
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'toolu_01A09q90qw90lq917835lq9',
              toolName: 'Read',
              content: [{ type: 'text', text: wire.messages[2].content[0].content }],
            },
            {
              type: 'tool-result',
              toolCallId: 'toolu_01B3kTn5cV8xWq2pLm7rZs4D',
              toolName: 'Bash',
              content: [{ type: 'text', text: 'FAIL src/sum.test.ts > adds\nAssertionError: expected -1 to be 5' }],
              isError: true,
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'reasoning',
              text: wire.messages[3].content[0].thinking,
              signature: wire.messages[3].content[0].signature,
            },
            {
              type: 'tool-call',
              id: 'toolu_01C7pQr2sT4uVw6xYz8aBc0D',
              name: 'Edit',
              arguments:
                '{"file_path":"/home/dev/sum-lib/src/sum.ts","old_string":"return a - b;","new_string":"return a + b;"}',
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'toolu_01C7pQr2sT4uVw6xYz8aBc0D',
              toolName: 'Edit',
              content: [{ type: 'text', text: 'The file /home/dev/sum-lib/src/sum.ts has been updated.' }],
              cacheControl: { type: 'ephemeral' },
            },
          ],
        },
      ],
      tools: wire.tools.map((tool: { name: string; description: string; input_schema: object }, index: number) => ({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.input_schema,
        ...(index === 2 ? { cacheControl: { type: 'ephemeral' } } : {}),
      })),
      maxOutputTokens: 32000,
      temperature: 1,
      reasoning: { enabled: true, budgetTokens: 31999 },
      stream: true,
      user: wire.metadata.user_id,
    };
    expect(value).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it('reads media, documents, redacted thinking, forced serial tools and structured output', () => {
    const { value, warnings } = anthropicCodec.parseRequest(fixture('media-and-tools-request.json'));
    expect(value.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(value.messages[1]?.content).toEqual([
      {
        type: 'image',
        source: { kind: 'base64', mediaType: 'image/png', data: expect.stringMatching(/^iVBOR/) },
        cacheControl: { type: 'ephemeral', ttl: '1h' },
      },
      {
        type: 'image',
        source: {
          kind: 'url',
          url: 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg',
        },
      },
      {
        type: 'file',
        source: { kind: 'base64', mediaType: 'application/pdf', data: expect.stringMatching(/^JVBERi0/) },
        filename: 'itinerary.pdf',
      },
      {
        type: 'file',
        source: { kind: 'url', url: 'https://assets.example.com/rail-timetable.pdf', mediaType: 'application/pdf' },
      },
      {
        type: 'file',
        source: {
          kind: 'base64',
          mediaType: 'text/plain',
          data: Buffer.from('Hotel check-in: 15:00').toString('base64'),
        },
        filename: 'notes.txt',
      },
      { type: 'text', text: 'What will the weather be in Lisbon?' },
    ]);
    expect(value.messages[2]?.content.map((part) => part.type)).toEqual([
      'redacted-reasoning',
      'reasoning',
      'tool-call',
    ]);
    // The tool result comes first, then the user's follow-up text as its own message, in wire order.
    expect(value.messages[3]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_01WeatherLisbon0000000001',
          toolName: 'get_weather',
          content: [
            { type: 'text', text: 'Sunny, 24°C' },
            { type: 'image', source: { kind: 'url', url: 'https://weather.example.com/lisbon.png' } },
          ],
        },
      ],
    });
    expect(value.messages[4]).toEqual({ role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] });
    expect(value.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Get the weather forecast for a city.',
        inputSchema: expect.objectContaining({ required: ['city'] }),
        strict: true,
      },
    ]);
    expect(value).toMatchObject({
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      responseFormat: { type: 'json', schema: expect.objectContaining({ required: ['summary'] }) },
      temperature: 0.3,
      topP: 0.9,
      topK: 40,
      stopSequences: ['\n\nHuman:'],
      maxOutputTokens: 1024,
      stream: false,
    });
    expect(warnings).toEqual([
      'ignored unsupported field(s): service_tier',
      "tool 'web_search' of type 'web_search_20250305' was dropped: only custom tools translate",
    ]);
  });

  it('maps every thinking mode and effort', () => {
    const parse = (extra: object) => anthropicCodec.parseRequest({ ...base, messages: [], ...extra });
    expect(parse({ thinking: { type: 'disabled' } }).value.reasoning).toEqual({ enabled: false });
    expect(parse({ thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } }).value.reasoning).toEqual({
      enabled: true,
      effort: 'medium',
    });
    const max = parse({ thinking: { type: 'adaptive' }, output_config: { effort: 'max' } });
    expect(max.value.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(max.warnings).toEqual(["output_config.effort 'max' was lowered to 'high'"]);
    expect(parse({ thinking: { type: 'between_tools' } }).warnings).toEqual([
      "thinking type 'between_tools' is not supported and was ignored",
    ]);
  });

  it('takes model and stream from the hints, and inline system messages where they stand', () => {
    const { value } = anthropicCodec.parseRequest(
      {
        max_tokens: 10,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        ],
      },
      { model: 'claude-opus-4-1', stream: true },
    );
    expect(value.model).toBe('claude-opus-4-1');
    expect(value.stream).toBe(true);
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    ]);
  });

  it('applies top-level automatic caching to the last message part', () => {
    const { value } = anthropicCodec.parseRequest({
      ...base,
      cache_control: { type: 'ephemeral' },
      messages: [{ role: 'user', content: 'long prompt' }],
    });
    expect(value.messages[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'long prompt', cacheControl: { type: 'ephemeral' } }],
    });
  });

  it('reads an empty signature as unsigned reasoning and warns about lost features', () => {
    const { value, warnings } = anthropicCodec.parseRequest({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: '' },
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
            { type: 'tool_use', id: 't1', name: 'f', input: {}, cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm' },
        { type: 'tool-call', id: 't1', name: 'f', arguments: '{}' },
      ],
    });
    expect(warnings).toEqual([
      "an assistant 'server_tool_use' block was dropped: it cannot be translated",
      'cache_control on a tool_use block was dropped: canonical tool calls carry no cache mark',
    ]);
  });

  it('rejects bad fields with a 400 that names them', () => {
    expect(parseError({ model: 'm', messages: [] })).toMatchObject({ status: 400, param: 'max_tokens' });
    expect(parseError({ max_tokens: 1, messages: [] })).toMatchObject({ param: 'model' });
    expect(parseError({ ...base, messages: [{ role: 'tool', content: 'x' }] })).toMatchObject({
      param: 'messages[0].role',
    });
    expect(
      parseError({ ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64' } }] }] }),
    ).toMatchObject({ param: 'messages[0].content[0].source.media_type' });
    expect(
      parseError({
        ...base,
        messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] }],
      }),
    ).toMatchObject({ param: 'messages[0].content[0].type' });
    const fileSource = parseError({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'file', file_id: 'file_011' } }] }],
    });
    expect(fileSource).toMatchObject({ kind: 'invalid_request', param: 'messages[0].content[0].source' });
    expect(fileSource.message).toContain('Files API');
    expect(parseError({ ...base, messages: [], tools: [{ name: 'x' }] })).toMatchObject({
      param: 'tools[0].input_schema',
    });
    expect(parseError('nope')).toMatchObject({ status: 400 });
  });
});
