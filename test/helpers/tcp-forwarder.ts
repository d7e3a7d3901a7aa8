import { connect, createServer, type Socket } from 'node:net';

export interface TcpForwarder {
  /** `host:port` on loopback that forwards to the target. */
  port: number;
  /** Simulates an outage: destroys every open connection (both sides) and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP forwarder between a client (the gateway) and a server (PostgreSQL, Redis) that a test can cut and
 * restore, so a real server can "go away" mid-test without stopping it for the other suites that share it.
 */
export async function startTcpForwarder(target: { host: string; port: number }): Promise<TcpForwarder> {
  const open = new Set<Socket>();
  let cut = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A reset on either side is part of the outage being simulated, not a test failure.
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('forwarder has no port');
  return {
    port: address.port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
