import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../../core/canonical.js';
import { openaiResponsesCodec, readContinuation } from './index.js';
import { renderResponsesResponse } from './render-responses-response.js';

describe('readContinuation', () => {
  it('exposes previous_response_id and store (default true) for the gateway to act on', () => {
    expect(readContinuation({ previous_response_id: 'resp_1', store: false })).toEqual({
      previousResponseId: 'resp_1',
      store: false,
    });
    expect(readContinuation({ input: 'x' })).toEqual({ store: true });
    expect(readContinuation(null)).toEqual({ store: true });
  });

  it('parses rendered output items back as input, so a stored answer replays to any upstream', () => {
    const answer: CanonicalResponse = {
      id: 'msg_01',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'reasoning', text: 'Need the weather.', signature: 'EqQBCkgIARABGAIiQL2' },
        { type: 'redacted-reasoning', data: 'EmwKAhgBEgy3va3pzix' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool-calls',
    };
    const rendered = renderResponsesResponse(answer, { model: 'claude', created: 1, id: 'x' });
    const { value, warnings } = openaiResponsesCodec.parseRequest({
      model: 'claude',
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        ...rendered.output,
        { type: 'function_call_output', call_id: 'toolu_1', output: '18°C' },
      ],
    });
    expect(warnings).toEqual([]);
    expect(value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: answer.content },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            toolName: 'get_weather',
            content: [{ type: 'text', text: '18°C' }],
          },
        ],
      },
    ]);
  });
});
