import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDashboardRoutes } from './dashboard-routes.js';

describe('dashboard static files', () => {
  let app: FastifyInstance;
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'omniroute-web-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(directory, 'assets', 'index-Ab12Cd.js'), 'console.log(1)');
    writeFileSync(join(directory, 'assets', 'index-Ef34.css'), 'body{}');
    writeFileSync(join(directory, 'favicon.svg'), '<svg/>');
    app = Fastify();
    await registerDashboardRoutes(app, { directory });
  });
  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('redirects / and /dashboard to the app', async () => {
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/dashboard/');
    expect((await app.inject({ url: '/dashboard' })).headers.location).toBe('/dashboard/');
  });

  it('serves index.html for the app and for every app path, always revalidated', async () => {
    for (const url of ['/dashboard/', '/dashboard/providers', '/dashboard/logs?status=5xx']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('id="root"');
    }
  });

  it('serves hashed assets with their content type and a year-long immutable cache', async () => {
    const script = await app.inject({ url: '/dashboard/assets/index-Ab12Cd.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe('console.log(1)');
    const style = await app.inject({ url: '/dashboard/assets/index-Ef34.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await app.inject({ url: '/dashboard/favicon.svg' });
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing asset instead of HTML a browser would run as a script', async () => {
    const response = await app.inject({ url: '/dashboard/assets/index-Old999.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).not.toContain('html');
    expect((await app.inject({ url: '/dashboard/robots.txt' })).statusCode).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    writeFileSync(join(directory, '..', 'omniroute-secret.txt'), 'TOP-SECRET-CONTENT');
    try {
      for (const url of [
        '/dashboard/../omniroute-secret.txt',
        '/dashboard/..%2fomniroute-secret.txt',
        '/dashboard/%2e%2e/omniroute-secret.txt',
      ]) {
        const response = await app.inject({ url });
        expect(response.body, url).not.toContain('TOP-SECRET-CONTENT');
      }
    } finally {
      rmSync(join(directory, '..', 'omniroute-secret.txt'), { force: true });
    }
  });

  it('explains how to build when the web app was never built', async () => {
    const bare = Fastify();
    await registerDashboardRoutes(bare, { directory: join(directory, 'missing') });
    const response = await bare.inject({ url: '/dashboard/' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('npm run build');
    expect((await bare.inject({ url: '/dashboard/keys' })).body).toContain('npm run build');
    await bare.close();
  });
});
