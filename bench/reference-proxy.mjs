#!/usr/bin/env node
// The benchmark's baseline, "what a gateway minimally costs": read the JSON body, swap the model name, forward it
// with undici `request` on a keep-alive Agent (the architecture's hot path rule), pipe the answer back untouched.
//   node bench/reference-proxy.mjs --upstream http://127.0.0.1:PORT [--port 0] [--api-key sk-...]
// prints `REFERENCE_PROXY_URL=<url>` once it listens.
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '0' },
    'api-key': { type: 'string', default: 'sk-bench-upstream' },
  },
});
if (values.upstream === undefined) throw new Error('--upstream <base url of the mock upstream> is required');
const target = new URL('/v1/chat/completions', values.upstream).href;
const authorization = `Bearer ${values['api-key']}`;
const agent = new Agent({ connections: 256, keepAliveTimeout: 10_000 });

const server = createServer(async (req, res) => {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    // `openai/gpt-4.1` → `gpt-4.1`, as a gateway resolves a routed model name.
    if (typeof body.model === 'string') body.model = body.model.slice(body.model.indexOf('/') + 1);
    const upstream = await request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
      dispatcher: agent,
      signal: abort.signal,
    });
    /** @type {Record<string, string>} */
    const headers = { 'content-type': String(upstream.headers['content-type'] ?? 'application/json') };
    if (upstream.headers['content-length'] !== undefined)
      headers['content-length'] = String(upstream.headers['content-length']);
    res.writeHead(upstream.statusCode, headers);
    await pipeline(upstream.body, res);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } }));
  }
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : values.port;
  process.stdout.write(`REFERENCE_PROXY_URL=http://127.0.0.1:${port}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    agent.close().finally(() => process.exit(0));
  });
}
