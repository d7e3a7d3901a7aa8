import { describe, expect, test } from 'vitest';
import type { CanonicalMessage, CanonicalRequest } from '../../../core/canonical.js';
import { createOpenaiAdapter, openaiAdapter, toReasoningEffort } from './index.js';

function build(request: Partial<CanonicalRequest>, adapter = openaiAdapter) {
  const { value, warnings } = adapter.buildRequest({ model: 'gpt-4.1', messages: [], stream: false, ...request });
  return { body: value.body as Record<string, unknown>, path: value.path, warnings };
}

const text = (value: string) => ({ type: 'text' as const, text: value });

describe('buildRequest', () => {
  test('paths', () => {
    expect(openaiAdapter.requestPath('gpt-4.1', true)).toBe('/chat/completions');
    expect(build({}).path).toBe('/chat/completions');
  });

  test('sampling, tools, structured output, effort and streaming usage', () => {
    const { body, warnings } = build({
      messages: [{ role: 'user', content: [text('Hi')] }],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
          strict: true,
          cacheControl: { type: 'ephemeral' },
        },
      ],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      maxOutputTokens: 500,
      temperature: 0.3,
      topP: 0.8,
      topK: 40,
      seed: 7,
      stopSequences: ['END'],
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'answer', strict: true },
      reasoning: { budgetTokens: 10000 },
      user: 'u-1',
      stream: true,
    });
    expect(body).toEqual({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object', properties: {} },
            strict: true,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      max_completion_tokens: 500,
      temperature: 0.3,
      top_p: 0.8,
      seed: 7,
      stop: ['END'],
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      reasoning_effort: 'medium',
      user: 'u-1',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(warnings).toEqual(['top_k is not supported by OpenAI chat and was dropped']);
  });

  test('tool_choice and parallel_tool_calls are not sent without tools', () => {
    const { body } = build({ toolChoice: { type: 'none' }, parallelToolCalls: true });
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('parallel_tool_calls');
  });

  test('json without a schema is json_object; max_tokens for older compatible servers', () => {
    const { body } = build(
      { responseFormat: { type: 'json' }, maxOutputTokens: 64 },
      createOpenaiAdapter({ maxTokensField: 'max_tokens' }),
    );
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.max_tokens).toBe(64);
    expect(body).not.toHaveProperty('max_completion_tokens');
  });

  test.each([
    [{ effort: 'minimal' as const }, 'minimal'],
    [{ budgetTokens: 1024 }, 'low'],
    [{ budgetTokens: 4096 }, 'medium'],
    [{ budgetTokens: 24576 }, 'high'],
    [{ enabled: false, effort: 'high' as const }, undefined],
    [{ enabled: true }, 'medium'],
    [{}, undefined],
  ])('reasoning %j → %s', (reasoning, effort) => {
    expect(toReasoningEffort(reasoning)).toBe(effort);
  });
});

describe('message conversion', () => {
  test('system and multi-block text become strings; media become parts', () => {
    const { body } = build({
      messages: [
        {
          role: 'system',
          content: [
            text('Be brief.'),
            text('Use metric units.'),
            { type: 'text', text: 'x', cacheControl: { type: 'ephemeral' } },
          ],
        },
        {
          role: 'user',
          content: [
            text('Describe these.'),
            { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' }, detail: 'high' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
              filename: 'a.pdf',
            },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.\n\nUse metric units.\n\nx' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe these.' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } },
          { type: 'file', file: { filename: 'file.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } },
        ],
      },
    ]);
  });

  test('a file URL is dropped with a warning (OpenAI takes inline file data only)', () => {
    const { body, warnings } = build({
      messages: [
        {
          role: 'user',
          content: [
            text('Read'),
            { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Read' }] }]);
    expect(warnings).toHaveLength(1);
  });

  const conversation: CanonicalMessage[] = [
    { role: 'user', content: [text('Weather in Paris and Rome?')] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two calls.', signature: 'sig' },
        { type: 'redacted-reasoning', data: 'opaque' },
        text('Checking.'),
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_2', name: 'weather', arguments: '{"city":"Rome"}' },
        { type: 'tool-call', id: 'call_orphan', name: 'weather', arguments: '{}' },
      ],
    },
    // A user note placed before the results (Anthropic allows text beside tool results): results must move up.
    { role: 'user', content: [text('Also, be quick.')] },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_2', content: [text('21°C')] },
        {
          type: 'tool-result',
          toolCallId: 'call_1',
          content: [text('18°C'), { type: 'image', source: { kind: 'url', url: 'https://example.com/map.png' } }],
          isError: false,
        },
        { type: 'tool-result', toolCallId: 'call_unknown', content: [text('?')] },
      ],
    },
  ];

  test('results follow their calls in call order; orphans are dropped with warnings; images move to a user turn', () => {
    const { body, warnings } = build({ messages: conversation });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
        reasoning_content: 'Two calls.',
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
      { role: 'tool', tool_call_id: 'call_2', content: '21°C' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/map.png' } }] },
      { role: 'user', content: 'Also, be quick.' },
    ]);
    expect(warnings).toEqual([
      'Dropped tool call call_orphan (weather): no tool result answers it',
      'Images returned by tools were moved into a user message: OpenAI tool messages carry text only',
      'Dropped the result of tool call call_unknown: no assistant tool call has that id',
    ]);
  });

  test('reasoning_content can be withheld from strict upstreams', () => {
    const { body } = build({ messages: conversation }, createOpenaiAdapter({ sendReasoningContent: false }));
    expect(JSON.stringify(body)).not.toContain('reasoning_content');
  });

  test('an assistant turn left empty (only redacted reasoning) is skipped', () => {
    const { body } = build({
      messages: [
        { role: 'user', content: [text('a')] },
        { role: 'assistant', content: [{ type: 'redacted-reasoning', data: 'x' }] },
        { role: 'user', content: [text('b')] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ]);
  });
});
