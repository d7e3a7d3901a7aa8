import { Agent, createServer, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';

/** Response header naming the backend (its index in `backends`) that answered. */
export const backendHeader = 'x-test-backend';

export interface RoundRobinProxy {
  url: string;
  /** How many requests each backend received, by index. */
  counts: number[];
  close(): Promise<void>;
}

/**
 * A load balancer on loopback, as nginx's default `upstream` would be: each request goes to the next backend in turn
 * (whatever connection it came on), bodies stream both ways (SSE works), and the answer carries `x-test-backend:
 * <index>` so a test can show that requests really were spread. A backend that cannot be reached answers 502.
 */
export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  const agent = new Agent({ keepAlive: true });
  const counts = backends.map(() => 0);
  const sockets = new Set<Socket>();
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next;
    next = (next + 1) % backends.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = new URL(incoming.url ?? '/', backends[index]);
    const forwarded = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host }, agent },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, [backendHeader]: String(index) });
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', (error) => {
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(502, { 'content-type': 'text/plain', [backendHeader]: String(index) });
      outgoing.end(`backend ${index} failed: ${error.message}`);
    });
    // A client that goes away mid-answer aborts the backend call too, as a real load balancer does.
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) forwarded.destroy();
    });
    incoming.pipe(forwarded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts,
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
