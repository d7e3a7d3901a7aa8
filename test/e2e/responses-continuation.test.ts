import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startHarness } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

let mock: MockUpstream;
let harness: GatewayHarness;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockUpstream();
  harness = await startHarness();
  for (const [prefix, apiType] of [
    ['chatup', 'openai'],
    ['respup', 'responses'],
  ] as const) {
    await harness.manage('POST', '/api/provider-nodes', { name: prefix, prefix, apiType, baseUrl: `${mock.url}/v1` });
    await harness.connect({ provider: prefix, apiKey: 'k' });
  }
  client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: 'anything', maxRetries: 0 });
});
afterAll(async () => {
  await harness.stop();
  await mock.close();
});

/** Every text the upstream received in its last request, whatever its wire format. */
function receivedTexts(): string {
  return JSON.stringify(mock.requests.at(-1)?.body);
}

describe('Responses previous_response_id continuation from the local store', () => {
  for (const model of ['chatup/m1', 'respup/m1']) {
    for (const stream of [false, true]) {
      it(`continues a conversation on ${model} (${stream ? 'stream' : 'json'})`, async () => {
        let firstId: string;
        if (stream) {
          const events = await client.responses.create({ model, input: 'first question alpha', stream: true });
          let completedId = '';
          for await (const event of events) if (event.type === 'response.completed') completedId = event.response.id;
          firstId = completedId;
        } else {
          firstId = (await client.responses.create({ model, input: 'first question alpha' })).id;
        }
        expect(firstId).toMatch(/^resp_/);

        const second = await client.responses.create({
          model,
          input: 'second question beta',
          previous_response_id: firstId,
        });
        expect(second.output_text).toContain('second question beta');
        const sent = receivedTexts();
        expect(sent).toContain('first question alpha');
        expect(sent).toContain('reply to: first question alpha');
        expect(sent).toContain('second question beta');
        expect(sent).not.toContain('previous_response_id');
      });
    }
  }

  it('answers 400 naming previous_response_id for an unknown id, and does not store with store:false', async () => {
    const unknown = await client.responses
      .create({ model: 'chatup/m1', input: 'x', previous_response_id: 'resp_nope' })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.BadRequestError);
    expect((unknown as Error).message).toContain("Previous response with id 'resp_nope' not found");

    const unstored = await client.responses.create({ model: 'chatup/m1', input: 'ephemeral', store: false });
    await expect(
      client.responses.create({ model: 'chatup/m1', input: 'y', previous_response_id: unstored.id }),
    ).rejects.toThrow(/not found/);
  });
});
