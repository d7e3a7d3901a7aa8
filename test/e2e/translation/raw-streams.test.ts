import { describe, expect, it } from 'vitest';
import { upstreams, useMatrix } from './matrix-setup.js';
import { clientStreams, readStream, type StreamRequestOptions } from './stream-grammar.js';

const matrix = useMatrix();

const scenarios: Array<{ name: string } & StreamRequestOptions> = [
  { name: 'text', prompt: 'Stream some words please' },
  { name: 'tool call', prompt: 'Weather in Paris?', tools: true },
  { name: 'reasoning', prompt: 'Think first', reasoning: true },
  { name: 'reasoning, then two tool calls', prompt: 'Paris and Rome? [[mock:parallel]]', tools: true, reasoning: true },
];

describe.each(clientStreams)('$name client stream grammar', (client) => {
  describe.each(upstreams)('from the $apiType upstream', (upstream) => {
    it.each(scenarios)('holds for $name', async (scenario) => {
      const { status, contentType, frames } = await readStream(matrix.harness.url, client, upstream.model, scenario);
      expect(status).toBe(200);
      expect(contentType).toContain(client.framing === 'sse' ? 'text/event-stream' : 'application/x-ndjson');
      client.expectComplete(frames);
    });
  });
});
