import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { parseOllamaRequest } from './parse-ollama-request.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function errorOf(body: unknown): GatewayError {
  try {
    parseOllamaRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected parseOllamaRequest to throw');
}

describe('parseOllamaRequest', () => {
  it('reads a chat with history and options, streaming by default', () => {
    const { value, warnings } = parseOllamaRequest(fixture('request-chat-basic.json'));
    expect(value).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are a concise assistant.' }] },
        { role: 'user', content: [{ type: 'text', text: 'why is the sky blue?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'due to rayleigh scattering.' }] },
        { role: 'user', content: [{ type: 'text', text: 'how is that different than mie scattering?' }] },
      ],
      maxOutputTokens: 256,
      temperature: 0.7,
      topP: 0.9,
      topK: 40,
      seed: 42,
      stopSequences: ['\n\nUser:'],
      stream: true,
    });
    expect(warnings).toEqual(['options ignored when translating: num_ctx, repeat_penalty']);
  });

  it('gives id-less tool calls ids and links results by tool_name, whatever their order', () => {
    const { value, warnings } = parseOllamaRequest(fixture('request-tools-thinking.json'));
    expect(warnings).toEqual([]);
    expect(value.reasoning).toEqual({ enabled: true });
    expect(value.messages.slice(1, 3)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'The user wants the weather for two cities, so I will call the tool twice.',
          },
          {
            type: 'tool-call',
            id: 'call_0',
            name: 'get_current_weather',
            arguments: '{"location":"Paris, FR","format":"celsius"}',
          },
          { type: 'tool-call', id: 'call_1', name: 'get_time', arguments: '{"timezone":"America/Toronto"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'get_time',
            content: [{ type: 'text', text: '14:05' }],
          },
          {
            type: 'tool-result',
            toolCallId: 'call_0',
            toolName: 'get_current_weather',
            content: [{ type: 'text', text: '{"temperature": 22, "condition": "sunny"}' }],
          },
        ],
      },
    ]);
    expect(value.tools?.map((tool) => tool.name)).toEqual(['get_current_weather', 'get_time']);
    expect(value.tools?.[1]).toEqual({
      name: 'get_time',
      description: 'Get the local time in a timezone',
      inputSchema: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
    });
  });

  it('detects image media types and maps a schema format to structured output', () => {
    const { value } = parseOllamaRequest(fixture('request-images-structured.json'));
    expect(value.stream).toBe(false);
    expect(value.temperature).toBe(0);
    const [message] = value.messages;
    expect(message?.role).toBe('user');
    expect(message?.content.map((part) => (part.type === 'image' ? part.source : part))).toEqual([
      { type: 'text', text: 'Describe both images as JSON.' },
      expect.objectContaining({ kind: 'base64', mediaType: 'image/png' }),
      expect.objectContaining({ kind: 'base64', mediaType: 'image/jpeg' }),
    ]);
    expect(value.responseFormat).toEqual({
      type: 'json',
      schema: {
        type: 'object',
        properties: { descriptions: { type: 'array', items: { type: 'string' } } },
        required: ['descriptions'],
      },
    });
  });

  it('maps think levels and JSON mode', () => {
    const { value } = parseOllamaRequest(fixture('request-gpt-oss-json.json'));
    expect(value.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(value.responseFormat).toEqual({ type: 'json' });
    expect(
      parseOllamaRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], think: false }).value.reasoning,
    ).toEqual({
      enabled: false,
    });
  });

  it('links nameless tool results in order and keeps explicit ids', () => {
    const { value } = parseOllamaRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'call_abc', function: { name: 'a', arguments: {} } },
            { function: { name: 'b', arguments: '{"x":1}' } },
          ],
        },
        { role: 'tool', content: 'A' },
        { role: 'tool', content: 'B' },
      ],
    });
    const tool = value.messages[2];
    expect(tool?.role === 'tool' && tool.content.map((part) => [part.toolCallId, part.toolName])).toEqual([
      ['call_abc', 'a'],
      ['call_0', 'b'],
    ]);
    const assistant = value.messages[1];
    expect(assistant?.role === 'assistant' && assistant.content).toEqual([
      { type: 'tool-call', id: 'call_abc', name: 'a', arguments: '{}' },
      { type: 'tool-call', id: 'call_0', name: 'b', arguments: '{"x":1}' },
    ]);
  });

  it('links a result whose tool_name matches nothing to the next open call, with a warning', () => {
    const { value, warnings } = parseOllamaRequest({
      model: 'm',
      messages: [
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: {} } }] },
        { role: 'tool', content: 'sunny', tool_name: 'weather' },
      ],
    });
    expect(value.messages[1]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_0',
          toolName: 'get_weather',
          content: [{ type: 'text', text: 'sunny' }],
        },
      ],
    });
    expect(warnings).toEqual(["messages[1]: tool_name 'weather' matches no open tool call; linked to 'get_weather'"]);
  });

  it('keeps an orphan tool result with a warning', () => {
    const { value, warnings } = parseOllamaRequest({
      model: 'm',
      messages: [{ role: 'tool', content: 'late', tool_name: 'lookup' }],
    });
    expect(value.messages[0]).toEqual({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_0', toolName: 'lookup', content: [{ type: 'text', text: 'late' }] },
      ],
    });
    expect(warnings).toEqual([
      "messages[0]: tool result matches no preceding tool call named 'lookup'; kept with a generated id",
    ]);
  });

  it('takes model and stream from hints when the body has none', () => {
    const { value } = parseOllamaRequest(
      { messages: [{ role: 'user', content: 'hi' }] },
      { model: 'x', stream: false },
    );
    expect(value.model).toBe('x');
    expect(value.stream).toBe(false);
  });

  it('rejects bad fields with a 400 naming them', () => {
    const cases: Array<[unknown, string]> = [
      [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
      [{ model: 'm', messages: [] }, 'messages'],
      [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
      [
        {
          model: 'm',
          messages: [
            { role: 'user', content: 'a' },
            { role: 'user', content: 7 },
          ],
        },
        'messages[1].content',
      ],
      [{ model: 'm', messages: [{ role: 'user', content: 'x' }], format: 'yaml' }, 'format'],
      [{ model: 'm', messages: [{ role: 'user', content: 'x' }], think: 'max' }, 'think'],
      [
        {
          model: 'm',
          messages: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '[1]' } }] }],
        },
        'messages[0].tool_calls[0].function.arguments',
      ],
    ];
    for (const [body, param] of cases) {
      const error = errorOf(body);
      expect(error.status).toBe(400);
      expect(error.param).toBe(param);
      expect(error.message).toContain(param);
    }
    expect(errorOf('nope').status).toBe(400);
  });
});
