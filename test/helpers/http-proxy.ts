import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

/** One connection the proxy handled: a CONNECT tunnel or a forwarded plain-HTTP request. */
export interface ProxyRecord {
  kind: 'connect' | 'forward';
  /** `host:port` for tunnels, the absolute URL for forwarded requests. */
  target: string;
  /** The `Proxy-Authorization` credentials, decoded (`user:pass`), if any were sent. */
  credentials: string | undefined;
}

export interface TestHttpProxy {
  url: string;
  /** The URL with `user:pass@` when the proxy requires credentials. */
  authUrl: string;
  records: ProxyRecord[];
  /** Ends open tunnels, so the next call opens (and records) a new one instead of reusing a kept-alive one. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A real HTTP proxy on loopback: CONNECT tunnels (for https origins) and plain forwarding of absolute-URI requests
 * (for http origins), optionally requiring Basic credentials (407 otherwise). It records what it carried.
 */
export async function startHttpProxy(options: { username?: string; password?: string } = {}): Promise<TestHttpProxy> {
  const records: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const required = options.username === undefined ? undefined : `${options.username}:${options.password ?? ''}`;
  const credentialsOf = (request: IncomingMessage) => {
    const header = request.headers['proxy-authorization'];
    const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
    return match?.[1] === undefined ? undefined : Buffer.from(match[1], 'base64').toString('utf8');
  };

  const server = createServer((request, response) => {
    const credentials = credentialsOf(request);
    records.push({ kind: 'forward', target: request.url ?? '', credentials });
    if (required !== undefined && credentials !== required) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(request.url ?? '');
    const { 'proxy-authorization': _auth, 'proxy-connection': _keep, ...headers } = request.headers;
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: request.method,
        headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const credentials = credentialsOf(request);
    records.push({ kind: 'connect', target: request.url ?? '', credentials });
    if (required !== undefined && credentials !== required) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = (request.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect({ host: host.replace(/^\[|\]$/g, ''), port: Number(port) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    authUrl:
      required === undefined
        ? url
        : `http://${encodeURIComponent(options.username ?? '')}:${encodeURIComponent(options.password ?? '')}@127.0.0.1:${port}`,
    records,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
