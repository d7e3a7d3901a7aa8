import type { FastifyRequest } from 'fastify';

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: the addresses only this machine can connect from. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const lower = address.toLowerCase();
  return lower === '::1' || lower.startsWith('127.') || lower.startsWith('::ffff:127.');
}

/** Whether the TCP peer itself is this machine (a local reverse proxy, or a local client). */
export function fromLoopback(request: FastifyRequest): boolean {
  return isLoopbackAddress(request.socket.remoteAddress);
}

/**
 * The client's IP. Forwarding headers are believed only from a loopback peer (a local reverse proxy or tunnel),
 * and then the last X-Forwarded-For entry is taken: the one the proxy itself appended, which a client cannot
 * forge. A relayed request without a usable header counts as remote ('unknown'), never as loopback: otherwise a
 * local proxy would turn every visitor into a local one.
 */
export function clientAddress(request: FastifyRequest): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!isLoopbackAddress(peer)) return peer;
  const forwardedFor = headerValue(request.headers['x-forwarded-for']);
  if (forwardedFor !== undefined) return forwardedFor.split(',').at(-1)?.trim() || 'unknown';
  const realIp = headerValue(request.headers['x-real-ip']);
  if (realIp !== undefined) return realIp.trim() || 'unknown';
  const forwarded = headerValue(request.headers.forwarded);
  if (forwarded !== undefined) return /for="?\[?([^\]";,]+)/i.exec(forwarded.split(',').at(-1) ?? '')?.[1] ?? 'unknown';
  return peer;
}

/** HTTPS to us, or to the local reverse proxy in front of us (only a loopback peer is believed about that). */
export function isSecureRequest(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  return fromLoopback(request) && headerValue(request.headers['x-forwarded-proto'])?.split(',')[0]?.trim() === 'https';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
