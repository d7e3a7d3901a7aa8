import { type RoutingRig, startRig } from '../routing/routing-setup.js';

export { createCombo, resetRouting, routeOf } from '../routing/routing-setup.js';

/** A gateway on the mock with OpenAI, Gemini and Ollama accounts: the upstreams the media routes speak to. */
export async function startMediaRig(): Promise<RoutingRig> {
  const rig = await startRig();
  await rig.connect('openai', ['openai-key']);
  await rig.connect('gemini', ['gemini-key']);
  await rig.harness.connect({ provider: 'ollama', name: 'ollama-local', baseUrl: rig.mock.url });
  return rig;
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** A raw JSON POST to the gateway, for status, headers and body as any client sees them. */
export async function postJson(
  rig: RoutingRig,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const response = await fetch(`${rig.harness.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The newest request-log row (after the gateway flushed its queue). */
export async function lastLogRow(rig: RoutingRig): Promise<any> {
  const { body } = await rig.harness.manage('GET', '/api/usage/request-logs?limit=1');
  return body.logs[0];
}

/** Decodes an OpenAI base64 embedding (float32 little-endian). */
export function decodeFloat32(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}
