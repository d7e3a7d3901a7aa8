import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../core/canonical.js';
import { openaiResponsesCodec } from './index.js';

const context = { model: 'claude-sonnet-4-5', created: 1758050000, id: 'gw_01HZX3' };

const toolTurn: CanonicalResponse = {
  id: 'msg_01AbCdEf',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'reasoning', text: 'The user wants two forecasts.', signature: 'EqQBCkgIARABGAIiQL2' },
    { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix' },
    { type: 'text', text: 'Checking ' },
    { type: 'text', text: 'both cities.' },
    { type: 'tool-call', id: 'toolu_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'tool-call', id: 'toolu_now', name: 'now', arguments: '' },
  ],
  finishReason: 'tool-calls',
  usage: { inputTokens: 2100, outputTokens: 95, cachedInputTokens: 1800, cacheWriteTokens: 200 },
};

describe('openaiResponsesCodec.renderResponse', () => {
  it('renders reasoning, messages and function calls as output items with full usage', () => {
    const rendered = openaiResponsesCodec.renderResponse(toolTurn, context);
    expect(rendered).toEqual({
      id: 'resp_msg01AbCdEf',
      object: 'response',
      created_at: 1758050000,
      status: 'completed',
      background: false,
      error: null,
      incomplete_details: null,
      instructions: null,
      max_output_tokens: null,
      metadata: {},
      model: 'claude-sonnet-4-5',
      output: [
        {
          id: 'rs_msg01AbCdEf_0',
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'The user wants two forecasts.' }],
          encrypted_content: 'EqQBCkgIARABGAIiQL2',
        },
        { id: 'rs_msg01AbCdEf_1', type: 'reasoning', summary: [], encrypted_content: 'EmwKAhgBEgy3va3pzix' },
        {
          id: 'msg_msg01AbCdEf_2',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [
            { type: 'output_text', text: 'Checking ', annotations: [], logprobs: [] },
            { type: 'output_text', text: 'both cities.', annotations: [], logprobs: [] },
          ],
        },
        {
          id: 'fc_msg01AbCdEf_3',
          type: 'function_call',
          status: 'completed',
          arguments: '{"city":"Paris"}',
          call_id: 'toolu_paris',
          name: 'get_weather',
        },
        {
          id: 'fc_msg01AbCdEf_4',
          type: 'function_call',
          status: 'completed',
          arguments: '{}',
          call_id: 'toolu_now',
          name: 'now',
        },
      ],
      output_text: 'Checking both cities.',
      parallel_tool_calls: true,
      previous_response_id: null,
      temperature: null,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
      usage: {
        input_tokens: 2100,
        input_tokens_details: { cached_tokens: 1800, cache_write_tokens: 200 },
        output_tokens: 95,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 2195,
      },
    });
  });

  it('marks length and content-filter stops as incomplete with the reason', () => {
    const base = { id: 'resp_x', model: 'm', content: [{ type: 'text' as const, text: 'Once' }] };
    expect(openaiResponsesCodec.renderResponse({ ...base, finishReason: 'length' }, context)).toMatchObject({
      id: 'resp_x',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
    expect(openaiResponsesCodec.renderResponse({ ...base, finishReason: 'content-filter' }, context)).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
    });
  });

  it('is read by the official SDK like an OpenAI answer', async () => {
    const rendered = openaiResponsesCodec.renderResponse(toolTurn, context);
    const client = new OpenAI({
      apiKey: 'test',
      fetch: async () => new Response(JSON.stringify(rendered), { headers: { 'content-type': 'application/json' } }),
    });
    const response = await client.responses.create({ model: 'claude-sonnet-4-5', input: 'Weather?' });
    expect(response.output_text).toBe('Checking both cities.');
    expect(response.output.map((item) => item.type)).toEqual([
      'reasoning',
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
  });
});
