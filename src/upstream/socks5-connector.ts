import { isIPv4, isIPv6, type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { buildConnector } from 'undici';
import { parseIpv6 } from '../ip-filter/ip-matcher.js';
import type { ProxyAddress } from './proxy-url.js';

/**
 * A `connect` function for an undici Agent that opens each upstream connection through a SOCKS5 proxy
 * (RFC 1928, with RFC 1929 username/password authentication), then starts TLS for https origins.
 *
 * Why not undici's own Socks5ProxyAgent (7.x exports one): it is marked experimental (a process warning on first
 * use) and builds its per-origin pools without the Agent's options, so our headers and stream-idle timeouts would
 * not apply through it. A connector keeps one Agent with every option intact.
 *
 * Host names are sent to the proxy unresolved (ATYP 3), so DNS happens on the proxy side (curl's `socks5h`).
 */
export function createSocks5Connector(proxy: ProxyAddress, timeoutMs: number): buildConnector.connector {
  return (options, callback) => {
    const targetHost = options.hostname.replace(/^\[|\]$/g, '');
    const targetPort = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const socket = tcpConnect({ host: proxy.hostname, port: proxy.port });
    socket.setNoDelay(true);
    let settled = false;
    const timer = setTimeout(
      () => fail(new Socks5Error('the SOCKS5 proxy did not complete the handshake in time')),
      timeoutMs,
    );
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      callback(error, null);
    };
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new Socks5Error(`cannot reach the SOCKS5 proxy ${proxy.host}:${proxy.port} (${error.code ?? error.message})`),
      ),
    );
    socket.once('connect', () => {
      handshake(socket, proxy, targetHost, targetPort)
        .then(() => (options.protocol === 'https:' ? startTls(socket, targetHost, options.servername) : socket))
        .then(
          (ready) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            socket.removeListener('error', fail);
            callback(null, ready);
          },
          (error: unknown) => fail(error instanceof Error ? error : new Socks5Error(String(error))),
        );
    });
  };
}

export class Socks5Error extends Error {
  override readonly name = 'Socks5Error';
}

const noAuthentication = 0x00;
const usernamePassword = 0x02;
const noAcceptableMethod = 0xff;

// RFC 1928 §6 reply codes.
const replyMessages: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

async function handshake(socket: Socket, proxy: ProxyAddress, host: string, port: number): Promise<void> {
  const hasCredentials = proxy.username !== undefined;
  socket.write(Buffer.from(hasCredentials ? [5, 2, noAuthentication, usernamePassword] : [5, 1, noAuthentication]));
  const [version, method] = await readBytes(socket, 2);
  if (version !== 5) throw new Socks5Error('the proxy does not speak SOCKS5');
  if (method === noAcceptableMethod) {
    throw new Socks5Error(
      hasCredentials
        ? 'the SOCKS5 proxy accepts none of our authentication methods'
        : 'the SOCKS5 proxy requires a user name and password',
    );
  }
  if (method === usernamePassword) {
    if (!hasCredentials) throw new Socks5Error('the SOCKS5 proxy requires a user name and password');
    await authenticate(socket, proxy.username ?? '', proxy.password ?? '');
  } else if (method !== noAuthentication) {
    throw new Socks5Error(`the SOCKS5 proxy chose an unsupported authentication method (${method})`);
  }

  const portBytes = Buffer.from([port >> 8, port & 0xff]);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), encodeAddress(host), portBytes]));
  const [replyVersion, reply, , addressType] = await readBytes(socket, 4);
  if (replyVersion !== 5) throw new Socks5Error('the proxy sent a malformed SOCKS5 reply');
  if (reply !== 0) {
    throw new Socks5Error(`the SOCKS5 proxy refused the connection: ${replyMessages[reply ?? 1] ?? `code ${reply}`}`);
  }
  // The bound address is of no use to us, but its bytes must be consumed before the tunnel carries data.
  if (addressType === 1) await readBytes(socket, 4 + 2);
  else if (addressType === 4) await readBytes(socket, 16 + 2);
  else if (addressType === 3) {
    const [length = 0] = await readBytes(socket, 1);
    await readBytes(socket, length + 2);
  } else throw new Socks5Error('the proxy sent a SOCKS5 reply with an unknown address type');
}

async function authenticate(socket: Socket, username: string, password: string): Promise<void> {
  const user = Buffer.from(username, 'utf8');
  const pass = Buffer.from(password, 'utf8');
  if (user.length > 255 || pass.length > 255)
    throw new Socks5Error('SOCKS5 user name and password must be ≤ 255 bytes');
  socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
  const [, status] = await readBytes(socket, 2);
  // The message never repeats the credentials: errors end up in logs and API answers.
  if (status !== 0) throw new Socks5Error('the SOCKS5 proxy rejected the user name or password');
}

function encodeAddress(host: string): Buffer {
  if (isIPv4(host)) return Buffer.from([1, ...host.split('.').map(Number)]);
  if (isIPv6(host)) return Buffer.concat([Buffer.from([4]), ipv6Bytes(host)]);
  const name = Buffer.from(host, 'utf8');
  if (name.length > 255) throw new Socks5Error('the host name is too long for SOCKS5');
  return Buffer.concat([Buffer.from([3, name.length]), name]);
}

function ipv6Bytes(address: string): Buffer {
  const groups = new Uint16Array(8);
  if (!parseIpv6(address, groups)) throw new Socks5Error('malformed IPv6 address');
  const bytes = Buffer.alloc(16);
  for (const [index, group] of groups.entries()) bytes.writeUInt16BE(group, index * 2);
  return bytes;
}

/** Reads exactly `count` bytes in paused mode, leaving anything after them in the socket's buffer. */
function readBytes(socket: Socket, count: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      socket.removeListener('readable', attempt);
      socket.removeListener('end', closed);
      socket.removeListener('close', closed);
    };
    const closed = () => {
      cleanup();
      reject(new Socks5Error('the SOCKS5 proxy closed the connection during the handshake'));
    };
    function attempt(): void {
      const chunk: Buffer | null = socket.read(count);
      if (chunk === null) return;
      cleanup();
      resolve(chunk);
    }
    socket.on('readable', attempt);
    socket.once('end', closed);
    socket.once('close', closed);
    attempt();
  });
}

function startTls(socket: Socket, host: string, servername: string | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      // SNI must be a host name, never an IP address (RFC 6066 §3).
      servername: servername ?? (isIPv4(host) || isIPv6(host) ? undefined : host),
      ALPNProtocols: ['http/1.1'],
    });
    secure.once('secureConnect', () => {
      secure.removeListener('error', reject);
      resolve(secure);
    });
    secure.once('error', reject);
  });
}
