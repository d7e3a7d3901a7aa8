import type { FastifyReply, FastifyRequest } from 'fastify';
import { isSecureRequest } from '../http/client-address.js';
import { sessionCookieName } from './login-session.js';

/** The `auth_token` cookie: httpOnly, SameSite=Lax, Secure whenever the browser reached us over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  void reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(sessionCookieName, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request),
    path: '/',
  });
}
