import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../core/canonical.js';
import { wireFormats } from '../core/wire-format.js';
import { clientCodecs } from '../formats/index.js';
import { upstreamAdapters } from '../providers/adapters/index.js';
import { AnswerRecorder } from './answer-recorder.js';
import { StreamPartsCollector, toStreamParts } from './stream-parts-collector.js';

const answer: CanonicalResponse = {
  id: 'resp1',
  model: 'm',
  finishReason: 'tool-calls',
  usage: { inputTokens: 12, outputTokens: 7 },
  content: [
    { type: 'text', text: 'Let me check.' },
    { type: 'tool-call', id: 'call_9', name: 'get_weather', arguments: '{"location":"Paris"}' },
  ],
};

describe('stream parts ↔ canonical response', () => {
  it('folds the parts of a response back into it', () => {
    const collector = new StreamPartsCollector();
    collector.add(toStreamParts(answer));
    expect(collector.result()).toEqual(answer);
  });

  it('has no answer for a stream that failed or never finished', () => {
    const cut = new StreamPartsCollector();
    cut.add(toStreamParts(answer).slice(0, -1));
    expect(cut.result()).toBeUndefined();
    const failed = new StreamPartsCollector();
    failed.add([...toStreamParts(answer), { type: 'error', kind: 'upstream', message: 'boom' }]);
    expect(failed.result()).toBeUndefined();
  });

  it.each(wireFormats)('reads back what the %s client codec sent, as a stream or as JSON', (format) => {
    const codec = clientCodecs[format];
    const context = { model: 'm', created: 1, id: 'ctx1' };
    const encoder = codec.createStreamEncoder(context);
    const streamed = new AnswerRecorder(upstreamAdapters[format]);
    for (const part of toStreamParts(answer)) streamed.frames(encoder.encode(part));
    streamed.frames(encoder.end());
    const json = new AnswerRecorder(upstreamAdapters[format]);
    json.json(JSON.stringify(codec.renderResponse(answer, context)));
    for (const recorded of [streamed.result(), json.result()]) {
      expect(recorded?.finishReason).toBe('tool-calls');
      expect(recorded?.usage).toMatchObject({ inputTokens: 12, outputTokens: 7 });
      expect(
        recorded?.content.map((part) => (part.type === 'tool-call' ? [part.name, JSON.parse(part.arguments)] : part)),
      ).toEqual([{ type: 'text', text: 'Let me check.' }, ['get_weather', { location: 'Paris' }]]);
    }
  });
});
