import { describe, expect, it } from 'vitest';
import { BodyCapture, startBodyCapture } from './body-capture.js';

describe('BodyCapture', () => {
  it('is off unless detailed logging is on', () => {
    expect(startBodyCapture({ detailed: false, maxBodyBytes: 1024 }, {})).toBeUndefined();
    expect(startBodyCapture(undefined, {})).toBeUndefined();
  });

  it('stores the request and the JSON answer, redacted, and passes the answer on to the inner observer', () => {
    const capture = startBodyCapture({ detailed: true, maxBodyBytes: 1024 }, { model: 'm', api_key: 'k' });
    const seen: string[] = [];
    const observer = capture?.observe({ json: (text) => seen.push(text), frames: () => {} });
    observer?.json('{"id":"1","token":"t"}');
    expect(seen).toEqual(['{"id":"1","token":"t"}']);
    expect(capture?.toRow('req-1', 5)).toEqual({
      request_id: 'req-1',
      created_at: 5,
      request_body: '{"model":"m","api_key":"[redacted]"}',
      response_body: '{"id":"1","token":"[redacted]"}',
      truncated: 0,
    });
  });

  it('caps bodies at maxBodyBytes after redacting, and keeps a stream as its frames', () => {
    const capture = new BodyCapture(1024);
    capture.captureRequest({ content: `${'é'.repeat(600)} sk-abcdefghijklmnopqrstuvwxyz` });
    const observer = capture.observe(undefined);
    for (let i = 0; i < 500; i += 1) observer.frames(`data: {"n":${i}}\n\n`);
    const row = capture.toRow('r', 1);
    expect(row.truncated).toBe(1);
    expect(Buffer.byteLength(row.request_body ?? '')).toBeLessThanOrEqual(1024);
    expect(row.request_body).not.toContain('\uFFFD');
    expect(row.response_body?.startsWith('data: {"n":0}\n\ndata: {"n":1}')).toBe(true);
    expect(Buffer.byteLength(row.response_body ?? '')).toBe(1024);
  });
});
