import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { ollamaCodec } from './index.js';

const context = { model: 'llama3.2', created: 1_750_000_000, id: 'resp_1' };

describe('ollamaCodec.renderResponse', () => {
  it('renders text, thinking and usage as Ollama writes a non-streaming answer', () => {
    const body = ollamaCodec.renderResponse(
      {
        id: 'x',
        model: 'upstream-model',
        content: [
          { type: 'reasoning', text: 'Short question.', signature: 'sig' },
          { type: 'text', text: 'Rayleigh ' },
          { type: 'text', text: 'scattering.' },
        ],
        finishReason: 'stop',
        usage: { inputTokens: 26, outputTokens: 5, cachedInputTokens: 10 },
      },
      context,
    );
    expect(body).toEqual({
      model: 'llama3.2',
      created_at: '2025-06-15T15:06:40.000Z',
      message: { role: 'assistant', content: 'Rayleigh scattering.', thinking: 'Short question.' },
      done_reason: 'stop',
      done: true,
      total_duration: 0,
      load_duration: 0,
      prompt_eval_count: 26,
      prompt_eval_duration: 0,
      eval_count: 5,
      eval_duration: 0,
    });
  });

  it('renders tool calls with object arguments and reports stop like Ollama does', () => {
    const body = ollamaCodec.renderResponse(
      {
        id: 'x',
        model: 'm',
        content: [
          { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_2', name: 'get_time', arguments: '{"tz":' },
        ],
        finishReason: 'tool-calls',
      },
      context,
    );
    expect(body).toMatchObject({
      message: {
        role: 'assistant',
        content: '',
        tool_calls: [
          { function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
          // Truncated arguments cannot be an object: sent as {} (see tool-arguments-to-object.ts).
          { function: { index: 1, name: 'get_time', arguments: {} } },
        ],
      },
      done_reason: 'stop',
      prompt_eval_count: 0,
      eval_count: 0,
    });
  });

  it('maps length to length', () => {
    const body = ollamaCodec.renderResponse({ id: 'x', model: 'm', content: [], finishReason: 'length' }, context);
    expect(body).toMatchObject({ done_reason: 'length', message: { role: 'assistant', content: '' } });
  });
});

describe('ollamaCodec errors', () => {
  it('renders {error} bodies and one NDJSON error line', () => {
    const error = new GatewayError('model_not_found', 'model "llama9" not found, try pulling it first');
    expect(error.status).toBe(404);
    expect(ollamaCodec.renderError(error)).toEqual({ error: 'model "llama9" not found, try pulling it first' });
    expect(ollamaCodec.renderStreamError(error)).toBe(
      '{"error":"model \\"llama9\\" not found, try pulling it first"}\n',
    );
  });
});
