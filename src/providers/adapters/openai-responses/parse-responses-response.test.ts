import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.js';
import { readJsonFixture } from './__fixtures__/read-fixture.js';
import { openaiResponsesAdapter } from './index.js';

describe('openaiResponsesAdapter.parseResponse', () => {
  it('reads reasoning with its encrypted content, parallel function calls and cached usage', () => {
    const response = openaiResponsesAdapter.parseResponse(readJsonFixture('response-reasoning-parallel-tools.json'));
    expect(response).toEqual({
      id: 'resp_68c9a1f2b4e08190a6d3b1c7e2f04a5b0c1d2e3f4a5b6c7d',
      model: 'gpt-5-2025-08-07',
      created: 1758044658,
      content: [
        {
          type: 'reasoning',
          text:
            '**Checking two cities**\n\nThe user wants the weather in Paris and Tokyo.\n\n' +
            "**Calling tools in parallel**\n\nI'll request both forecasts at once.",
          signature:
            'gAAAAABoyaHzQk1vX3JlYXNvbmluZ19ibG9iX29uZV9mb3JfcGFyaXNfYW5kX3Rva3lvX3dlYXRoZXJfX19fX19fX19fX19fX19fX19fXw==',
        },
        {
          type: 'tool-call',
          id: 'call_Qd1m2N3o4P5q6R7s8T9u0V1w',
          name: 'get_weather',
          arguments: '{"city":"Paris","unit":"celsius"}',
        },
        {
          type: 'tool-call',
          id: 'call_Xy9z8A7b6C5d4E3f2G1h0I9j',
          name: 'get_weather',
          arguments: '{"city":"Tokyo","unit":"celsius"}',
        },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 1832, outputTokens: 214, cachedInputTokens: 1536, reasoningTokens: 128 },
    });
  });

  it('maps an incomplete response cut by max_output_tokens to length', () => {
    const response = openaiResponsesAdapter.parseResponse(readJsonFixture('response-text-incomplete.json'));
    expect(response.finishReason).toBe('length');
    expect(response.content).toEqual([{ type: 'text', text: 'Once upon a time, in a quiet village by the' }]);
    expect(response.usage).toEqual({ inputTokens: 14, outputTokens: 16, cachedInputTokens: 0, reasoningTokens: 0 });
  });

  it('raises a failed response as a coded error so routing can fall back', () => {
    const parse = () => openaiResponsesAdapter.parseResponse(readJsonFixture('response-failed.json'));
    expect(parse).toThrow(GatewayError);
    expect(parse).toThrow(/Rate limit reached for gpt-5/);
    try {
      parse();
    } catch (error) {
      expect(error).toMatchObject({ code: 'upstream_error', kind: 'rate_limit', status: 429 });
    }
  });

  it('maps a content filter stop and reads refusals as text', () => {
    const response = openaiResponsesAdapter.parseResponse({
      id: 'resp_1',
      model: 'gpt-4o',
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      output: [{ type: 'message', id: 'msg_1', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] }],
    });
    expect(response).toMatchObject({
      finishReason: 'content-filter',
      content: [{ type: 'text', text: 'I cannot help with that.' }],
    });
  });

  it('turns a reasoning item with only encrypted content into redacted reasoning', () => {
    const response = openaiResponsesAdapter.parseResponse({
      id: 'resp_2',
      status: 'completed',
      output: [
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAABopaque' },
        { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: 'Done.', annotations: [] }] },
      ],
    });
    expect(response.content).toEqual([
      { type: 'redacted-reasoning', data: 'gAAAAABopaque' },
      { type: 'text', text: 'Done.' },
    ]);
    expect(response.finishReason).toBe('stop');
  });

  it('rejects a body that is not a Responses answer', () => {
    expect(() => openaiResponsesAdapter.parseResponse({ choices: [] })).toThrow(/Invalid Responses API answer/);
  });
});

describe('openaiResponsesAdapter usage and errors', () => {
  it('reads usage from a JSON answer', () => {
    expect(openaiResponsesAdapter.readUsage(readJsonFixture('response-reasoning-parallel-tools.json'))).toEqual({
      inputTokens: 1832,
      outputTokens: 214,
      cachedInputTokens: 1536,
      reasoningTokens: 128,
    });
    expect(openaiResponsesAdapter.readUsage({ id: 'x' })).toBeUndefined();
  });

  it('reads the message of an OpenAI error body, parsed or raw', () => {
    const body = readJsonFixture('error-invalid-request.json');
    const message = "Invalid type for 'input[1].content[0].text': expected a string, but got an integer instead.";
    expect(openaiResponsesAdapter.parseErrorMessage(body)).toBe(message);
    expect(openaiResponsesAdapter.parseErrorMessage(JSON.stringify(body))).toBe(message);
    expect(openaiResponsesAdapter.parseErrorMessage('Bad gateway')).toBe('Bad gateway');
    expect(openaiResponsesAdapter.parseErrorMessage({ unrelated: true })).toBeUndefined();
  });

  it('uses the /responses path for both streaming and non-streaming calls', () => {
    expect(openaiResponsesAdapter.requestPath('gpt-5', true)).toBe('/responses');
    expect(openaiResponsesAdapter.requestPath('gpt-5', false)).toBe('/responses');
  });
});
