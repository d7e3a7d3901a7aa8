import { toFile } from 'openai';
import { type RoutingRig, startRig } from '../routing/routing-setup.js';

/** A gateway on the mock with one OpenAI, Deepgram and AssemblyAI account each, polling AssemblyAI every 20 ms. */
export async function startSpeechRig(): Promise<RoutingRig> {
  const rig = await startRig();
  await rig.connect('openai', ['openai-key']);
  await rig.harness.connect({
    provider: 'deepgram',
    name: 'deepgram',
    apiKey: 'dg-key',
    baseUrl: `${rig.mock.url}/v1`,
  });
  await rig.harness.connect({ provider: 'assemblyai', name: 'assemblyai', apiKey: 'aai-key', baseUrl: rig.mock.url });
  await patchTranscription(rig, { pollIntervalMs: 20 });
  return rig;
}

export async function patchTranscription(rig: RoutingRig, patch: Record<string, unknown>): Promise<void> {
  const { status, body } = await rig.harness.manage('PATCH', '/api/settings', { transcription: patch });
  if (status !== 200) throw new Error(`PATCH /api/settings failed: ${status} ${JSON.stringify(body)}`);
}

/** An upload for the SDK: `bytes` long, so the mock's transcript and duration (bytes / 16 000 s) are known. */
export function audioFile(bytes: number, name = 'speech.mp3', type = 'audio/mpeg') {
  return toFile(Buffer.alloc(bytes, 7), name, { type });
}

export interface FormAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** A raw multipart POST, for the forms the SDK will not send (no file, no model). */
export async function postForm(
  rig: RoutingRig,
  fields: Record<string, string>,
  file?: { bytes: number; name: string; type: string },
): Promise<FormAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file !== undefined) form.append('file', new Blob([Buffer.alloc(file.bytes, 7)], { type: file.type }), file.name);
  const response = await fetch(`${rig.harness.url}/v1/audio/transcriptions`, { method: 'POST', body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

/** The request-log row of an answer, by its `x-omniroute-request-id`, else the newest one. */
export async function logRow(rig: RoutingRig, requestId?: string | null): Promise<any> {
  if (requestId) {
    const { body } = await rig.harness.manage('GET', `/api/usage/request-logs/${requestId}`);
    return body;
  }
  const { body } = await rig.harness.manage('GET', '/api/usage/request-logs?limit=1');
  return body.logs[0];
}
