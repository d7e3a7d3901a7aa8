import { connect, createServer, isIPv4, type Socket } from 'node:net';

export interface SocksRecord {
  /** `host:port` the client asked the proxy to reach. */
  target: string;
  /** The user name it authenticated with, if any. */
  username: string | undefined;
}

export interface TestSocks5Server {
  url: string;
  /** With `user:pass@` when the server requires credentials. */
  authUrl: string;
  records: SocksRecord[];
  /** Handshakes refused for bad credentials. */
  refusals: number;
  /** Ends open tunnels, so the next call opens (and records) a new one instead of reusing a kept-alive one. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A real SOCKS5 server on loopback (RFC 1928 CONNECT; RFC 1929 username/password when configured), enough to prove
 * the gateway's traffic goes through it. Records every tunnel it opened.
 */
export async function startSocks5Server(
  options: { username?: string; password?: string } = {},
): Promise<TestSocks5Server> {
  const records: SocksRecord[] = [];
  const sockets = new Set<Socket>();
  const state = { refusals: 0 };
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    serve(client).catch(() => client.destroy());
  });

  async function serve(client: Socket): Promise<void> {
    const read = reader(client);
    const [version, count = 0] = await read(2);
    if (version !== 5) throw new Error('not SOCKS5');
    const methods = [...(await read(count))];
    const wantsAuth = options.username !== undefined;
    const method = wantsAuth ? 2 : 0;
    if (!methods.includes(method)) {
      client.end(Buffer.from([5, 0xff]));
      return;
    }
    client.write(Buffer.from([5, method]));
    let username: string | undefined;
    if (wantsAuth) {
      const [, userLength = 0] = await read(2);
      username = (await read(userLength)).toString('utf8');
      const [passLength = 0] = await read(1);
      const password = (await read(passLength)).toString('utf8');
      const ok = username === options.username && password === (options.password ?? '');
      if (!ok) {
        state.refusals += 1;
        client.end(Buffer.from([1, 1]));
        return;
      }
      client.write(Buffer.from([1, 0]));
    }
    const [, command, , addressType] = await read(4);
    let host: string;
    if (addressType === 1) host = [...(await read(4))].join('.');
    else if (addressType === 3) {
      const [length = 0] = await read(1);
      host = (await read(length)).toString('utf8');
    } else if (addressType === 4) {
      const bytes = await read(16);
      host = Array.from({ length: 8 }, (_, index) => bytes.readUInt16BE(index * 2).toString(16)).join(':');
    } else throw new Error('bad address type');
    const port = (await read(2)).readUInt16BE(0);
    if (command !== 1) {
      client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
      return;
    }
    records.push({ target: `${host}:${port}`, username });
    const upstream = connect({ host: host === 'localhost' ? '127.0.0.1' : host, port }, () => {
      const bound = Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]);
      client.write(bound);
      const rest = read.rest();
      if (rest.length > 0) upstream.write(rest);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end(Buffer.from([5, isIPv4(host) ? 5 : 4, 0, 1, 0, 0, 0, 0, 0, 0])));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `socks5://127.0.0.1:${port}`;
  const auth =
    options.username === undefined
      ? ''
      : `${encodeURIComponent(options.username)}:${encodeURIComponent(options.password ?? '')}@`;
  return {
    url,
    authUrl: `socks5://${auth}127.0.0.1:${port}`,
    records,
    get refusals() {
      return state.refusals;
    },
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Exact-length reads over a socket's data events; `rest()` hands over what arrived beyond the handshake. */
function reader(socket: Socket) {
  let buffered = Buffer.alloc(0);
  let waiting: { count: number; resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | undefined;
  const settle = () => {
    if (waiting === undefined || buffered.length < waiting.count) return;
    const { count, resolve } = waiting;
    waiting = undefined;
    const bytes = buffered.subarray(0, count);
    buffered = buffered.subarray(count);
    resolve(bytes);
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    settle();
  };
  socket.on('data', onData);
  socket.on('close', () => waiting?.reject(new Error('closed')));
  const read = (count: number) =>
    new Promise<Buffer>((resolve, reject) => {
      waiting = { count, resolve, reject };
      settle();
    });
  return Object.assign(read, {
    rest: () => {
      socket.off('data', onData);
      const rest = buffered;
      buffered = Buffer.alloc(0);
      return rest;
    },
  });
}
