import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';

/** `GET /metrics` on the main port (behind management auth, see app.ts). */
export async function registerMetricsRoutes(
  app: FastifyInstance,
  { metrics, requestLogs }: { metrics: GatewayMetrics; requestLogs: RequestLogWriter },
): Promise<void> {
  app.get('/metrics', async (_request, reply) => {
    requestLogs.publish();
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
}

/**
 * A plain listener that only serves `GET /metrics`, without authentication, for Prometheus scrapers
 * (`METRICS_PORT`; on loopback unless `METRICS_HOST` says otherwise).
 */
export async function startMetricsServer(input: {
  metrics: GatewayMetrics;
  requestLogs: RequestLogWriter;
  port: number;
  host: string;
}): Promise<Server> {
  const { metrics, requestLogs, port, host } = input;
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: only GET /metrics is served here.\n');
      return;
    }
    requestLogs.publish();
    metrics.render().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('Collecting metrics failed.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
