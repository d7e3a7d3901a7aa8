import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../../core/canonical.js';
import { toOllamaThink } from './build-ollama-request.js';
import { ollamaAdapter } from './index.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const base: CanonicalRequest = {
  model: 'qwen3:8b',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  stream: false,
};

describe('ollamaAdapter.buildRequest', () => {
  it('builds the /api/chat body with options, think, tools and an explicit stream flag', () => {
    const { value, warnings } = ollamaAdapter.buildRequest({
      model: 'qwen3:8b',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.', cacheControl: { type: 'ephemeral' } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: png }, detail: 'high' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Call the tool.', signature: 'EqQBCkYIBxgC' },
            { type: 'tool-call', id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'toolu_01', content: [{ type: 'text', text: '22°C, sunny' }] }],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather',
          inputSchema: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
          strict: true,
        },
      ],
      toolChoice: { type: 'auto' },
      maxOutputTokens: 512,
      temperature: 0.2,
      topP: 0.95,
      topK: 20,
      seed: 7,
      stopSequences: ['END'],
      frequencyPenalty: 0.5,
      presencePenalty: 0.25,
      reasoning: { enabled: true, effort: 'medium' },
      stream: true,
    });
    expect(warnings).toEqual([]);
    expect(value.path).toBe('/api/chat');
    expect(value.body).toEqual({
      model: 'qwen3:8b',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?', images: [png] },
        {
          role: 'assistant',
          content: '',
          thinking: 'Call the tool.',
          tool_calls: [{ function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } }],
        },
        { role: 'tool', content: '22°C, sunny', tool_name: 'get_weather' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
              additionalProperties: false,
            },
          },
        },
      ],
      options: {
        temperature: 0.2,
        top_p: 0.95,
        top_k: 20,
        seed: 7,
        stop: ['END'],
        num_predict: 512,
        frequency_penalty: 0.5,
        presence_penalty: 0.25,
      },
      think: 'medium',
      stream: true,
    });
  });

  it('always states stream, because Ollama streams when it is absent', () => {
    expect(ollamaAdapter.buildRequest(base).value.body).toEqual({
      model: 'qwen3:8b',
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
    });
    expect(ollamaAdapter.requestPath('x', true)).toBe('/api/chat');
  });

  it('maps response formats to format', () => {
    const json = ollamaAdapter.buildRequest({ ...base, responseFormat: { type: 'json' } }).value.body;
    expect(json).toMatchObject({ format: 'json' });
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const structured = ollamaAdapter.buildRequest({ ...base, responseFormat: { type: 'json', schema, name: 's' } });
    expect(structured.value.body).toMatchObject({ format: schema });
    expect(ollamaAdapter.buildRequest({ ...base, responseFormat: { type: 'text' } }).value.body).not.toHaveProperty(
      'format',
    );
  });

  it('maps reasoning with the documented table', () => {
    expect(toOllamaThink(undefined)).toBeUndefined();
    expect(toOllamaThink({ enabled: false, effort: 'high' })).toBe(false);
    expect(toOllamaThink({ enabled: true })).toBe(true);
    expect(toOllamaThink({ effort: 'minimal' })).toBe('low');
    expect(toOllamaThink({ effort: 'high' })).toBe('high');
    expect(toOllamaThink({ budgetTokens: 1024 })).toBe('low');
    expect(toOllamaThink({ budgetTokens: 4000 })).toBe('medium');
    expect(toOllamaThink({ budgetTokens: 24576 })).toBe('high');
    expect(toOllamaThink({ budgetTokens: 0 })).toBe(false);
  });

  it('emulates tool_choice where it can and warns where it cannot', () => {
    const tools = [
      { name: 'a', inputSchema: { type: 'object' } },
      { name: 'b', inputSchema: { type: 'object' } },
    ];
    const none = ollamaAdapter.buildRequest({ ...base, tools, toolChoice: { type: 'none' } });
    expect(none.value.body).not.toHaveProperty('tools');
    expect(none.warnings).toEqual([]);
    const named = ollamaAdapter.buildRequest({ ...base, tools, toolChoice: { type: 'tool', name: 'b' } });
    expect(named.value.body).toMatchObject({ tools: [{ type: 'function', function: { name: 'b' } }] });
    expect(named.warnings).toEqual(["Ollama cannot force a tool call; only tool 'b' was offered"]);
    const required = ollamaAdapter.buildRequest({
      ...base,
      tools,
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
    });
    expect(required.warnings).toHaveLength(2);
  });

  it('drops what Ollama cannot take, with warnings', () => {
    const { value, warnings } = ollamaAdapter.buildRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
            { type: 'image', source: { kind: 'url', url: `data:image/png;base64,${png}` } },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
              filename: 'a.pdf',
            },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('notes').toString('base64') },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'redacted-reasoning', data: 'opaque' },
            { type: 'tool-call', id: 'c1', name: 'f', arguments: '{bad' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'f',
              content: [{ type: 'text', text: 'boom' }],
              isError: true,
            },
            { type: 'tool-result', toolCallId: 'nope', content: [{ type: 'text', text: 'orphan' }] },
          ],
        },
      ],
    });
    expect(value.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Look\nnotes', images: [png] },
        { role: 'assistant', content: '', tool_calls: [{ function: { index: 0, name: 'f', arguments: {} } }] },
        { role: 'tool', content: 'boom', tool_name: 'f' },
      ],
    });
    expect(warnings).toEqual([
      'messages[0]: image URLs cannot be sent to Ollama; the image was dropped',
      "messages[0]: Ollama cannot take application/pdf file 'a.pdf'; it was dropped",
      'messages[1]: redacted reasoning cannot be sent to Ollama and was dropped',
      "messages[1]: tool call 'f' had invalid JSON arguments; sent {}",
      'messages[2]: Ollama has no error flag for tool results; sent as plain content',
      "messages[2]: tool result for unknown call 'nope' was dropped",
    ]);
  });
});
