import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { openaiResponsesCodec } from './index.js';

describe('openaiResponsesCodec errors', () => {
  it("renders OpenAI's error body with the type matching the error kind", () => {
    const error = new GatewayError('invalid_request', "Invalid field 'input': is required", { param: 'input' });
    expect(openaiResponsesCodec.renderError(error)).toEqual({
      error: {
        message: "Invalid field 'input': is required",
        type: 'invalid_request_error',
        code: 'invalid_request',
        param: 'input',
      },
    });
    const limited = new GatewayError('rate_limited', 'Slow down');
    expect(openaiResponsesCodec.renderError(limited)).toMatchObject({
      error: { type: 'rate_limit_error', param: null },
    });
    const timeout = new GatewayError('upstream_timeout', 'Upstream timed out');
    expect(openaiResponsesCodec.renderError(timeout)).toMatchObject({ error: { type: 'timeout_error' } });
  });

  it('renders an in-stream error as an error event, flat as typed and nested as sent by the API', () => {
    const frame = openaiResponsesCodec.renderStreamError(new GatewayError('upstream_stream_cut', 'Upstream closed'));
    expect(frame.startsWith('event: error\ndata: ')).toBe(true);
    expect(frame.endsWith('\n\n')).toBe(true);
    expect(JSON.parse(frame.slice(frame.indexOf('data: ') + 6))).toEqual({
      type: 'error',
      sequence_number: 0,
      code: 'upstream_stream_cut',
      message: 'Upstream closed',
      param: null,
      error: { type: 'server_error', code: 'upstream_stream_cut', message: 'Upstream closed', param: null },
    });
  });
});
