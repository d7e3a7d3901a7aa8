import { describe, expect, it } from 'vitest';
import { modes, upstreams, useMatrix } from './matrix-setup.js';
import { clientStreams, readStream } from './stream-grammar.js';

const matrix = useMatrix();
const words = 'one two three four five six seven eight nine ten';

describe.each(clientStreams)('$name client, upstream failures', (client) => {
  describe.each(upstreams)('from the $apiType upstream', (upstream) => {
    const passThrough = client.upstreamApiType === upstream.apiType;
    it('ends a stream the upstream cut mid-answer with the format’s error event, not a hang', async () => {
      // Six upstream frames always carry some answer text, so the client stream has started.
      const prompt = `${words} [[mock:cut=6]]`;
      const { status, frames } = await readStream(matrix.harness.url, client, upstream.model, { prompt });
      expect(status).toBe(200);
      client.expectFailed(frames, { passThrough });
    });

    it('answers a cut that came before any client frame as a 502 in the format, or ends the stream', async () => {
      // After three frames some upstreams have sent only their preamble (message_start, response.created…):
      // a format that had nothing to write yet still answers with a status.
      const prompt = `${words} [[mock:cut=3]]`;
      const { status, frames, text } = await readStream(matrix.harness.url, client, upstream.model, { prompt });
      if (status === 200) client.expectFailed(frames, { passThrough });
      else {
        expect(status).toBe(502);
        client.expectErrorBody(JSON.parse(text), status);
      }
    });

    it.each(modes)('answers an upstream 500 with its status in the format’s error body ($name)', async ({ stream }) => {
      const prompt = 'fail please [[mock:status=500]]';
      const { status, text } = await readStream(matrix.harness.url, client, upstream.model, { prompt, stream });
      expect(status).toBe(500);
      const body = JSON.parse(text);
      client.expectErrorBody(body, status);
      // The message names the provider that failed.
      expect(JSON.stringify(body)).toContain(upstream.prefix);
    });
  });
});
