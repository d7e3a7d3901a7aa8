import type { GatewayHarness } from '../../helpers/gateway-harness.js';

/** Resolves once the in-process gateway runs a new instance (after a restart or restore) and answers again. */
export async function waitForRestart(harness: GatewayHarness, previousApp: unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (harness.gateway.app !== previousApp) {
      const answer = await fetch(`${harness.url}/health`).catch(() => undefined);
      if (answer?.status === 200) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the gateway did not come back after the restart');
}
