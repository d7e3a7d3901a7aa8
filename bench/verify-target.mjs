// One request per mode before measuring, checked in full: a target that answers 200 with the wrong thing (another
// model, an error in a 200, a stream without content, the wrong upstream format) must not be benchmarked as if it
// worked. The answer is read in the client's wire format: OpenAI Chat Completions (a stream ends in `[DONE]`) or
// Anthropic Messages (`type: "message"`; a stream ends in `message_stop`).

import { request } from 'undici';
import { BenchError } from './bench-error.mjs';

/**
 * Reads an answer's text, or undefined when it is not a whole answer of the client's format.
 * @type {Record<import('./load-targets.mjs').WireFormat, { json: (body: any) => string | undefined, stream: (events: any[]) => string | undefined }>}
 */
const READ_ANSWER = {
  openai: {
    json: (body) => body?.choices?.[0]?.message?.content,
    stream: (events) => {
      if (events.at(-1) !== '[DONE]') return undefined;
      return events
        .slice(0, -1)
        .map((event) => event?.choices?.[0]?.delta?.content ?? '')
        .join('');
    },
  },
  anthropic: {
    json: (body) =>
      body?.type === 'message'
        ? body.content
            ?.filter((/** @type {any} */ block) => block.type === 'text')
            .map((/** @type {any} */ block) => block.text)
            .join('')
        : undefined,
    stream: (events) => {
      if (events[0]?.type !== 'message_start' || events.at(-1)?.type !== 'message_stop') return undefined;
      return events
        .filter((event) => event?.type === 'content_block_delta' && event.delta?.type === 'text_delta')
        .map((event) => event.delta.text)
        .join('');
    },
  },
};

/**
 * @param {{ name: string, target: import('./run-load.mjs').LoadTarget, dispatcher: import('undici').Dispatcher }} options
 */
export async function verifyTarget({ name, target, dispatcher }) {
  const { format, url, headers, bodies, expectedText } = target;
  const read = READ_ANSWER[format];

  const json = await request(url, { method: 'POST', headers, body: bodies.json, dispatcher });
  const jsonText = await json.body.text();
  const content = json.statusCode === 200 ? read.json(parseJson(jsonText)) : undefined;
  if (content !== expectedText) {
    throw new BenchError(
      `${name}: non-stream answer is not the mock's ${format} answer (HTTP ${json.statusCode}): ${jsonText.slice(0, 500)}`,
    );
  }

  const stream = await request(url, { method: 'POST', headers, body: bodies.stream, dispatcher });
  const streamText = await stream.body.text();
  // Every `data:` line in order, parsed (undefined if it is not JSON); `[DONE]`, OpenAI's end marker, kept as is.
  const events = streamText
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => {
      const data = line.slice(5).trim();
      return data === '[DONE]' ? data : parseJson(data);
    });
  const streamed = stream.statusCode === 200 && !events.includes(undefined) ? read.stream(events) : undefined;
  if (streamed !== expectedText) {
    throw new BenchError(
      `${name}: stream answer is not the mock's ${format} answer (HTTP ${stream.statusCode}): ${streamText.slice(0, 500)}`,
    );
  }
}

/** @param {string} text */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
