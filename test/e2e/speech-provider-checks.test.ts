import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

// Deepgram and AssemblyAI serve transcription only: their connection test proves the key with a free authenticated
// GET instead of a chat call they would not understand.

let mock: MockUpstream;
let harness: GatewayHarness;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});
beforeEach(() => mock.reset());

const test = async (connectionId: string) => {
  const { status, body } = await harness.manage('POST', `/api/providers/${connectionId}/test`);
  expect(status).toBe(200);
  return body;
};

describe('POST /api/providers/:id/test for speech-only providers', () => {
  it('Deepgram: lists the key’s projects, and reports a refused key with Deepgram’s own message', async () => {
    const connection = await harness.connect({ provider: 'deepgram', apiKey: 'dg-key', baseUrl: `${mock.url}/v1` });
    const passed = await test(connection.id);
    expect(passed).toMatchObject({ ok: true, status: 200, model: null });
    expect(passed.message).toContain('Deepgram accepted the key');
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ method: 'GET', path: '/v1/projects' });
    expect(mock.requests[0]?.headers.authorization).toBe('Token dg-key');

    mock.enqueueFault(
      { status: 401, body: { err_code: 'INVALID_AUTH', err_msg: 'Invalid credentials.' } },
      { path: '/v1/projects' },
    );
    const refused = await test(connection.id);
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(refused.message).toBe('Deepgram (deepgram) returned HTTP 401: Invalid credentials.');
    const { body: shown } = await harness.manage('GET', `/api/providers/${connection.id}`);
    expect(shown.lastTest).toMatchObject({ ok: false, status: 401 });
  });

  it('AssemblyAI: lists at most one transcript with the bare key, and reports a 403', async () => {
    const connection = await harness.connect({ provider: 'assemblyai', apiKey: 'aai-key', baseUrl: mock.url });
    const passed = await test(connection.id);
    expect(passed).toMatchObject({ ok: true, status: 200 });
    expect(passed.message).toContain('AssemblyAI accepted the key');
    expect(mock.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v2/transcript?limit=1']);
    expect(mock.requests[0]?.headers.authorization).toBe('aai-key');

    mock.enqueueFault(
      { status: 403, body: { error: 'Authentication error, API token missing/invalid' } },
      { path: '/v2/transcript' },
    );
    const refused = await test(connection.id);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(refused.message).toContain('Authentication error, API token missing/invalid');
  });

  it('says when the speech API cannot be reached, and probes a configuration before it is saved', async () => {
    const down = await harness.connect({
      provider: 'deepgram',
      name: 'down',
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    const unreachable = await test(down.id);
    expect(unreachable).toMatchObject({ ok: false, status: null });
    expect(unreachable.message).toMatch(/Cannot reach|closed/);

    const config = { provider: 'assemblyai', apiKey: 'aai-new', baseUrl: mock.url, probe: true };
    const { body } = await harness.manage('POST', '/api/providers/validate', config);
    expect(body).toMatchObject({ valid: true, errors: [], test: { ok: true, status: 200 } });
    expect(mock.requests.at(-1)?.headers.authorization).toBe('aai-new');
  });
});
