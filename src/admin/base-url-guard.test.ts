import { describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.js';
import { createBaseUrlGuard, type HostLookup } from './base-url-guard.js';

const apiProvider = { id: 'openai', kind: 'api-key' as const };
const localProvider = { id: 'vllm', kind: 'local' as const };
const dns: Record<string, string[]> = {
  'lan.example': ['10.0.0.7'],
  'dual.example': ['93.184.215.14', 'fd00::5'],
  'public.example': ['93.184.215.14', '2606:2800::1'],
};
const lookup: HostLookup = async (hostname) => {
  const addresses = dns[hostname];
  if (addresses === undefined) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address }));
};
const guard = (allowPrivateBaseUrls = false) =>
  createBaseUrlGuard({ value: { allowPrivateBaseUrls } } as never, lookup);

async function refusal(url: string): Promise<GatewayError> {
  const error = await guard()(url, apiProvider).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('base URL guard', () => {
  it('refuses literal private, loopback and metadata addresses with a 422 naming baseUrl', async () => {
    const error = await refusal('http://169.254.169.254/latest');
    expect(error).toMatchObject({ code: 'url_not_allowed', status: 422, param: 'baseUrl' });
    expect(error.message).toContain('cloud metadata');
    expect((await refusal('http://[::ffff:127.0.0.1]:8080/v1')).message).toContain('loopback');
    expect((await refusal('http://0x7f.1/v1')).message).toContain('127.0.0.1');
    expect((await refusal('http://metadata.google.internal/computeMetadata/v1')).message).toContain('cloud metadata');
    expect((await refusal('http://printer.localhost/v1')).message).toContain('loopback');
  });

  it('resolves host names and refuses when any address is private', async () => {
    expect((await refusal('https://lan.example/v1')).message).toContain('lan.example (10.0.0.7)');
    expect((await refusal('https://dual.example/v1')).message).toContain('fd00::5');
  });

  it('lets public and unresolvable hosts through', async () => {
    await expect(guard()('https://public.example/v1', apiProvider)).resolves.toBeUndefined();
    await expect(guard()('https://8.8.8.8/v1', apiProvider)).resolves.toBeUndefined();
    await expect(guard()('https://nowhere.example/v1', apiProvider)).resolves.toBeUndefined();
  });

  it('allows any address for local providers and with allowPrivateBaseUrls', async () => {
    await expect(guard()('http://10.0.0.5:8000/v1', localProvider)).resolves.toBeUndefined();
    await expect(guard(true)('http://127.0.0.1:8000/v1', apiProvider)).resolves.toBeUndefined();
    await expect(guard(true)('http://169.254.169.254/', undefined)).resolves.toBeUndefined();
  });
});
