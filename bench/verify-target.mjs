// One request per mode before measuring, checked in full: a target that answers 200 with the wrong thing (another
// model, an error in a 200, a stream without content) must not be benchmarked as if it worked.

import { request } from 'undici';
import { BenchError } from './bench-error.mjs';

/**
 * @param {{ name: string, target: import('./run-load.mjs').LoadTarget, expectedText: string, dispatcher: import('undici').Dispatcher }} options
 */
export async function verifyTarget({ name, target, expectedText, dispatcher }) {
  const { url, headers, bodies } = target;
  const json = await request(url, { method: 'POST', headers, body: bodies.json, dispatcher });
  const jsonText = await json.body.text();
  const content = json.statusCode === 200 ? JSON.parse(jsonText).choices?.[0]?.message?.content : undefined;
  if (content !== expectedText) {
    throw new BenchError(
      `${name}: non-stream answer is not the mock's (HTTP ${json.statusCode}): ${jsonText.slice(0, 500)}`,
    );
  }

  const stream = await request(url, { method: 'POST', headers, body: bodies.stream, dispatcher });
  const streamText = await stream.body.text();
  let streamed = '';
  let done = false;
  for (const line of streamText.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') done = true;
    else streamed += JSON.parse(data).choices?.[0]?.delta?.content ?? '';
  }
  if (stream.statusCode !== 200 || !done || streamed !== expectedText) {
    throw new BenchError(
      `${name}: stream answer is not the mock's (HTTP ${stream.statusCode}): ${streamText.slice(0, 500)}`,
    );
  }
}
