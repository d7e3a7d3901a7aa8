import { PolicyEngine } from '../policies/policy-engine.js';
import { ProxySettingsStore } from '../settings/proxy-settings.js';
import type { Repositories } from '../storage/repositories.js';
import type { SecretBox } from '../storage/secret-box.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';

/** Loads the global proxy (and keeps the upstream client's proxy choice in step with it) and the routing policies. */
export async function loadRequestShapingState(input: {
  repositories: Repositories;
  secrets: SecretBox;
  upstream: UpstreamClient;
}): Promise<{ proxySettings: ProxySettingsStore; policies: PolicyEngine }> {
  const { repositories, secrets, upstream } = input;
  const proxySettings = new ProxySettingsStore(repositories.settings, secrets);
  await proxySettings.load();
  proxySettings.onChange((value) => upstream.proxy.configure(value));
  const policies = new PolicyEngine(repositories.policies);
  await policies.reload();
  return { proxySettings, policies };
}
