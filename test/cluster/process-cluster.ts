// Setup of the multi-process tests: a private redis-server, one fresh PostgreSQL database, the mock upstream, three
// gateway processes (the built CLI) on them, and a round-robin proxy in front, as a team would run OmniRoute behind a
// load balancer. Configuration is written through process 0 only; the others learn it through the database.
import { eventually } from '../helpers/eventually.js';
import { type GatewayProcess, startGatewayProcess } from '../helpers/gateway-process.js';
import { type RedisProcess, startRedisProcess } from '../helpers/redis-process.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../helpers/round-robin-proxy.js';
import { clusterEnv, createTestDatabase, dropTestDatabase } from '../helpers/test-databases.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';

export interface ProcessCluster {
  redis: RedisProcess;
  mock: MockUpstream;
  gateways: GatewayProcess[];
  proxy: RoundRobinProxy;
  stop(): Promise<void>;
}

export async function startProcessCluster(size = 3): Promise<ProcessCluster> {
  const redis = await startRedisProcess();
  const mock = await startMockUpstream();
  const databaseUrl = await createTestDatabase();
  const env = clusterEnv(databaseUrl, redis.url);
  // In parallel, as a deployment would start them; the migrations take turns through an advisory lock.
  const started = await Promise.allSettled(Array.from({ length: size }, () => startGatewayProcess({ env })));
  const gateways = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const proxy = await startRoundRobinProxy(gateways.map((gateway) => gateway.url));
  const stop = async () => {
    await proxy.close();
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await mock.close();
    await redis.stop();
    await dropTestDatabase(databaseUrl);
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    await stop();
    throw failed.reason;
  }
  return { redis, mock, gateways, proxy, stop };
}

/**
 * Through process 0: loopback base URLs allowed (the mock), an `openai` and an `anthropic` account on the mock, and
 * gpt-4.1 priced at $0.001 per token either way, so budget estimates and costs are easy to compute by hand.
 */
export async function connectMockAccounts(cluster: ProcessCluster): Promise<void> {
  const first = cluster.gateways[0] as GatewayProcess;
  const expectOk = ({ status, body }: { status: number; body: unknown }, what: string) => {
    if (status >= 300) throw new Error(`${what} failed: ${status} ${JSON.stringify(body)}`);
  };
  expectOk(await first.manage('PATCH', '/api/settings', { allowPrivateBaseUrls: true }), 'allowing loopback');
  for (const provider of ['openai', 'anthropic']) {
    const body = { provider, apiKey: `sk-${provider}`, baseUrl: `${cluster.mock.url}/v1` };
    expectOk(await first.manage('POST', '/api/providers', body), `connecting ${provider}`);
  }
  const price = { provider: 'openai', model: 'gpt-4.1', pricing: { input: 1000, output: 1000 } };
  expectOk(await first.manage('PUT', '/api/pricing', price), 'pricing');
}

export interface ChatOptions {
  text: string;
  model?: string;
  key?: string;
  temperature?: number;
  headers?: Record<string, string>;
}

/** The exact JSON body `chat` sends (the budget test derives the gateway's estimate from its length). */
export function chatBody({ text, model = 'openai/gpt-4.1', temperature }: ChatOptions): string {
  return JSON.stringify({ model, messages: [{ role: 'user', content: text }], max_tokens: 10, temperature });
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** An OpenAI Chat call to `baseUrl` (a gateway or the proxy), its body read. */
export async function chat(baseUrl: string, options: ChatOptions): Promise<Answer> {
  const auth: Record<string, string> = options.key === undefined ? {} : { authorization: `Bearer ${options.key}` };
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...options.headers },
    body: chatBody(options),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseOrText(text) };
}

/** An Anthropic Messages call, to see a refusal in that client's own format. */
export async function anthropicChat(baseUrl: string, key: string, text: string): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'openai/gpt-4.1', max_tokens: 10, messages: [{ role: 'user', content: text }] }),
  });
  return { status: response.status, headers: response.headers, body: parseOrText(await response.text()) };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function statusCounts(answers: readonly Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}

/** Generation calls the mock received (model lists and the like excluded). */
export function upstreamCalls(mock: MockUpstream): number {
  return mock.requests.filter((request) => request.method === 'POST').length;
}

/** Creates a client key through `gateway`; returns its id and secret. */
export async function createKey(gateway: GatewayProcess, body: Record<string, unknown>) {
  const created = await gateway.manage('POST', '/api/keys', body);
  if (created.status !== 201) throw new Error(`key create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as string, key: created.body.key as string };
}

/**
 * Waits until every process has loaded the configuration written so far: a fresh management key, created last, is
 * accepted by each of them directly (each reloads its whole snapshot on a change, so earlier writes came with it).
 * Client routes would not tell: without REQUIRE_API_KEY an unknown key passes as anonymous.
 */
export async function configReachedAll(cluster: ProcessCluster): Promise<void> {
  const first = cluster.gateways[0] as GatewayProcess;
  const { key } = await createKey(first, { name: `canary-${Date.now()}`, scopes: ['manage'] });
  for (const gateway of cluster.gateways) {
    await eventually(async () => {
      const response = await fetch(`${gateway.url}/api/settings`, { headers: { authorization: `Bearer ${key}` } });
      await response.body?.cancel();
      return response.status === 200 ? true : undefined;
    });
  }
}

/** Each process's `GET /api/resilience` account cooldowns. */
export async function cooldownsOn(gateway: GatewayProcess): Promise<any[]> {
  const { body } = await gateway.manage('GET', '/api/resilience');
  return body.state.cooldowns;
}
