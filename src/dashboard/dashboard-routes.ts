import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentTypeOf } from './content-type.js';
import { missingBuildPage } from './missing-build-page.js';

/** Where `npm run build` puts the web app (web/vite.config.ts): from src/dashboard or dist/dashboard, two levels up. */
export const defaultDashboardDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Vite names everything under assets/ by content hash: such a file never changes, so browsers may keep it a year. */
const immutableCache = 'public, max-age=31536000, immutable';

/**
 * The dashboard's static files at `/dashboard/*`: public (the API behind them checks the session cookie), SPA
 * fallback to index.html for app paths, never for missing assets (a stale page must not get HTML as JavaScript).
 * Without a build, `/dashboard` explains how to make one and everything else keeps working.
 */
export async function registerDashboardRoutes(
  app: FastifyInstance,
  { directory = defaultDashboardDir } = {},
): Promise<void> {
  const root = normalize(directory.endsWith(sep) ? directory : `${directory}${sep}`);

  const sendFile = async (reply: FastifyReply, path: string, cacheControl: string) => {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) return false;
    void reply
      .header('content-type', contentTypeOf(path))
      .header('content-length', info.size)
      .header('cache-control', cacheControl)
      .header('x-content-type-options', 'nosniff');
    await reply.send(createReadStream(path));
    return true;
  };

  const sendIndex = async (reply: FastifyReply) => {
    // index.html names the current asset hashes: always revalidated, so a new build is picked up at once.
    if (await sendFile(reply, join(root, 'index.html'), 'no-cache')) return reply;
    return reply
      .code(503)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(missingBuildPage);
  };

  app.get('/', (_request, reply) => reply.redirect('/dashboard/', 302));
  app.get('/dashboard', (_request, reply) => reply.redirect('/dashboard/', 301));
  app.get('/dashboard/*', async (request, reply) => {
    const wildcard = (request.params as { '*': string })['*'];
    const path = normalize(join(root, wildcard));
    // `..` and encoded variants are already decoded here; anything resolving outside the build is just an app path.
    const inside = path.startsWith(root) && path !== root;
    if (inside) {
      const hashed = wildcard.startsWith('assets/');
      if (await sendFile(reply, path, hashed ? immutableCache : 'no-cache')) return reply;
      if (hashed || /\.[a-z0-9]+$/i.test(wildcard)) {
        return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
      }
    }
    return sendIndex(reply);
  });
}
