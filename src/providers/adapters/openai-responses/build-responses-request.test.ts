import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../../core/canonical.js';
import { effortForBudget } from './build-responses-request.js';
import { openaiResponsesAdapter } from './index.js';

const openaiEncrypted = 'gAAAAABoybKiZmluYWxfZW5jcnlwdGVkX3JlYXNvbmluZw==';

const agentTurn: CanonicalRequest = {
  model: 'gpt-5',
  messages: [
    {
      role: 'system',
      content: [{ type: 'text', text: 'You are a weather assistant.', cacheControl: { type: 'ephemeral' } }],
    },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris and Tokyo? Also read this.' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' }, detail: 'low' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/map.jpg' } },
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQ=' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two cities, two calls.', signature: openaiEncrypted },
        { type: 'text', text: 'Checking both.' },
        { type: 'tool-call', id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_paris',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C' }],
        },
        {
          type: 'tool-result',
          toolCallId: 'call_tokyo',
          toolName: 'get_weather',
          isError: true,
          content: [
            { type: 'text', text: 'Radar image:' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/radar.png' } },
          ],
        },
      ],
    },
    { role: 'system', content: [{ type: 'text', text: 'Answer in one sentence.' }] },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
    },
    { name: 'now', inputSchema: {} },
  ],
  toolChoice: { type: 'tool', name: 'get_weather' },
  parallelToolCalls: true,
  maxOutputTokens: 1024,
  temperature: 0.2,
  topP: 0.9,
  reasoning: { enabled: true, budgetTokens: 10_000 },
  responseFormat: { type: 'json', schema: { type: 'object' }, strict: true },
  stream: true,
  user: 'user-42',
};

describe('openaiResponsesAdapter.buildRequest', () => {
  it('builds a stateless Responses request with instructions, items, tools and encrypted reasoning', () => {
    const { value, warnings } = openaiResponsesAdapter.buildRequest(agentTurn);
    expect(warnings).toEqual([]);
    expect(value.path).toBe('/responses');
    expect(value.body).toEqual({
      model: 'gpt-5',
      instructions: 'You are a weather assistant.',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather in Paris and Tokyo? Also read this.' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/map.jpg' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0xLjQ=', filename: 'file.pdf' },
          ],
        },
        {
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Two cities, two calls.' }],
          encrypted_content: openaiEncrypted,
        },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking both.' }] },
        { type: 'function_call', call_id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
        { type: 'function_call_output', call_id: 'call_paris', output: '18°C' },
        {
          type: 'function_call_output',
          call_id: 'call_tokyo',
          output: [
            { type: 'input_text', text: 'Radar image:' },
            { type: 'input_image', image_url: 'https://example.com/radar.png' },
          ],
        },
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Answer in one sentence.' }] },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          strict: false,
        },
        { type: 'function', name: 'now', parameters: { type: 'object', properties: {} }, strict: false },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: true,
      max_output_tokens: 1024,
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      text: { format: { type: 'json_schema', name: 'response', schema: { type: 'object' }, strict: true } },
      safety_identifier: 'user-42',
      store: false,
      stream: true,
    });
  });

  it('drops orphan tool calls and results, which OpenAI rejects', () => {
    const { value, warnings } = openaiResponsesAdapter.buildRequest({
      model: 'gpt-5',
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Go' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_early', content: [] }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'call_ok', name: 'f', arguments: '' },
            { type: 'tool-call', id: 'call_unanswered', name: 'f', arguments: '{}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_ok', content: [] }] },
      ],
    });
    expect(value.body).toMatchObject({
      input: [
        { type: 'message', role: 'user' },
        { type: 'function_call', call_id: 'call_ok', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_ok', output: '' },
      ],
    });
    expect(warnings).toEqual([
      '1 tool call(s) without a result were dropped',
      '1 tool result(s) without a matching call were dropped',
    ]);
  });

  it("drops other providers' reasoning but keeps OpenAI's and asks for it back", () => {
    const { value, warnings } = openaiResponsesAdapter.buildRequest({
      model: 'gpt-5',
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Claude thinking', signature: 'EqQBCkgIARABGAIiQL2' },
            { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix' },
            { type: 'reasoning', text: 'No signature at all' },
            { type: 'redacted-reasoning', data: openaiEncrypted },
            { type: 'text', text: 'Hello!' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
    });
    expect(value.body).toMatchObject({
      input: [
        { role: 'user' },
        { type: 'reasoning', summary: [], encrypted_content: openaiEncrypted },
        { role: 'assistant' },
        { role: 'user' },
      ],
      include: ['reasoning.encrypted_content'],
    });
    expect(value.body).not.toHaveProperty('reasoning');
    expect(warnings).toEqual(['3 reasoning part(s) without OpenAI encrypted content were dropped']);
  });

  it('maps thinking budgets to effort levels (low 1024, medium 8192, high 24576)', () => {
    expect([1024, 1025, 8192, 8193, 24_576].map(effortForBudget)).toEqual(['low', 'medium', 'medium', 'high', 'high']);
  });

  it('leaves reasoning out when it is turned off, rather than risk a 400 on older models', () => {
    const base: CanonicalRequest = { model: 'gpt-5', stream: false, messages: [{ role: 'user', content: [] }] };
    for (const reasoning of [{ enabled: false }, { budgetTokens: 0 }]) {
      const { value } = openaiResponsesAdapter.buildRequest({ ...base, reasoning });
      expect(value.body).not.toHaveProperty('reasoning');
      expect(value.body).not.toHaveProperty('include');
    }
    const { value } = openaiResponsesAdapter.buildRequest({ ...base, reasoning: { effort: 'minimal' } });
    expect(value.body).toMatchObject({ reasoning: { effort: 'minimal', summary: 'auto' } });
  });

  it('warns about settings the Responses API lacks and raises tiny token limits to its minimum', () => {
    const { value, warnings } = openaiResponsesAdapter.buildRequest({
      model: 'gpt-4.1',
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      maxOutputTokens: 5,
      topK: 40,
      seed: 7,
      stopSequences: ['END'],
      frequencyPenalty: 0.5,
      presencePenalty: 0.5,
      responseFormat: { type: 'json' },
    });
    expect(value.body).toMatchObject({ max_output_tokens: 16, text: { format: { type: 'json_object' } } });
    expect(warnings).toEqual([
      'topK is not supported by the OpenAI Responses API; dropped',
      'seed is not supported by the OpenAI Responses API; dropped',
      'stop sequences is not supported by the OpenAI Responses API; dropped',
      'frequency penalty is not supported by the OpenAI Responses API; dropped',
      'presence penalty is not supported by the OpenAI Responses API; dropped',
      "max output tokens raised from 5 to OpenAI's minimum of 16",
    ]);
  });
});
