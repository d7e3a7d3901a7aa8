import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, phone, screenshot, startBrowserHarness } from './browser-harness.js';

/** Providers, combos, keys, aliases and home, clicked through as a user would, against the real API. */
describe('dashboard setup pages', { timeout: 180_000 }, () => {
  let browser: BrowserHarness;
  let page: Page;
  const manage = (method: string, path: string, body?: unknown) => browser.harness!.manage(method, path, body);
  beforeAll(async () => {
    browser = await startBrowserHarness();
    page = await browser.newPage({ loggedIn: true });
  }, 180_000);
  afterAll(() => browser?.stop());

  it('connects a provider from the catalog, tests it, and shows a failing test with the upstream message', async () => {
    await browser.open(page, '/providers');
    await page.getByRole('heading', { name: 'No provider connected yet' }).waitFor();
    await page.getByLabel('Search the catalog').fill('anthropic');
    await page.getByRole('button', { name: 'Connect Anthropic' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a provider' });
    await expect.poll(() => dialog.getByLabel('Provider').inputValue(), { timeout: 20_000 }).toBe('anthropic');
    await dialog.getByLabel('API key').fill('sk-ant-browser');
    await dialog.getByLabel('Account name').fill('work');
    await dialog.getByLabel('Base URL').fill(`${browser.mock.url}/v1`);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('work', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Test work' }).click();
    await page
      .getByTestId(/^account-/)
      .getByText('OK', { exact: true })
      .waitFor();

    // A refused key: the upstream's status and message are shown on the account.
    browser.mock.enqueueFault({ status: 401 }, { path: '/v1/messages' });
    await page.getByRole('button', { name: 'Test work' }).click();
    await page
      .getByTestId(/^account-/)
      .getByText('HTTP 401', { exact: true })
      .waitFor();
    await screenshot(page, 'providers-desktop');

    // Deactivating is one switch; the API agrees.
    await page.getByRole('switch', { name: 'Active: work' }).click();
    await expect
      .poll(async () => (await manage('GET', '/api/providers')).body.connections[0].isActive, { timeout: 20_000 })
      .toBe(false);
    await page.getByRole('switch', { name: 'Active: work' }).click();
    await expect
      .poll(async () => (await manage('GET', '/api/providers')).body.connections[0].isActive, { timeout: 20_000 })
      .toBe(true);
  });

  it('hides a model and adds a custom one from the models drawer', async () => {
    await browser.open(page, '/providers');
    await page.getByRole('button', { name: 'Models of work' }).click();
    const drawer = page.getByRole('dialog', { name: /Models: anthropic/ });
    await drawer.getByRole('switch').first().waitFor();
    const firstModel = (await drawer.locator('tbody code').first().textContent()) ?? '';
    await drawer.getByRole('switch', { name: `Visible: ${firstModel}` }).click();
    await expect
      .poll(
        async () => {
          const { body } = await manage('GET', '/api/provider-models?provider=anthropic');
          return body.models.find((model: any) => model.model === firstModel)?.hidden;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await drawer.getByLabel('Add a custom model').fill('claude-browser-custom');
    await drawer.getByRole('button', { name: 'Add model' }).click();
    await drawer.getByRole('button', { name: 'Delete model claude-browser-custom' }).waitFor();
    await screenshot(page, 'providers-models-drawer');
    await page.keyboard.press('Escape');
  });

  it('adds a custom node with its account and tests it', async () => {
    await browser.open(page, '/providers');
    await page.getByRole('button', { name: 'Custom node' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a custom node' });
    await dialog.getByLabel('Node name').fill('Office vLLM');
    await dialog.getByLabel('Prefix').fill('office');
    await dialog.getByLabel('API type').selectOption('openai');
    await dialog.getByLabel('Base URL').fill(`${browser.mock.url}/v1`);
    await dialog.getByLabel('API key').fill('sk-node-key');
    await dialog.getByRole('button', { name: 'Add node' }).click();
    await page.getByRole('heading', { name: 'Office vLLM' }).waitFor();
    const { body } = await manage('GET', '/api/providers');
    const account = body.connections.find((connection: any) => connection.provider === 'office');
    await page.getByRole('button', { name: `Test ${account.name}` }).click();
    await page.getByTestId(`account-${account.id}`).getByText('OK', { exact: true }).waitFor();
    await manage('DELETE', `/api/providers/${account.id}`);
  });

  it('builds a combo, reorders its targets by drag and drop and by keyboard buttons, and checks readiness', async () => {
    await browser.harness!.connect({ provider: 'openai', apiKey: 'sk-openai', baseUrl: `${browser.mock.url}/v1` });
    await browser.open(page, '/combos');
    await page.getByRole('button', { name: 'New combo' }).click();
    const drawer = page.getByRole('dialog', { name: 'New combo' });
    await drawer.getByLabel('Combo name').fill('coding');
    await drawer.getByLabel('Model of target 1').fill('openai/gpt-4.1');
    await drawer.getByRole('button', { name: 'Add target' }).click();
    await drawer.getByLabel('Model of target 2').fill('anthropic/claude-sonnet-4-5');
    await drawer.getByRole('button', { name: 'Add target' }).click();
    await drawer.getByLabel('Model of target 3').fill('openai/gpt-4.1-mini');

    // Drag the third target onto the first row: it becomes first.
    await drawer.getByLabel('Drag openai/gpt-4.1-mini').dragTo(drawer.getByTestId('combo-target').first());
    await expect
      .poll(() => drawer.getByLabel('Model of target 1').inputValue(), { timeout: 20_000 })
      .toBe('openai/gpt-4.1-mini');
    // And the keyboard way: move anthropic (now third) up one.
    await drawer.getByRole('button', { name: 'Move anthropic/claude-sonnet-4-5 up' }).click();
    await expect
      .poll(() => drawer.getByLabel('Model of target 2').inputValue(), { timeout: 20_000 })
      .toBe('anthropic/claude-sonnet-4-5');
    await drawer.getByLabel('Strategy').selectOption('weighted');
    await drawer.getByLabel('Weight of target 1').fill('3');
    await screenshot(page, 'combos-editor');
    await drawer.getByRole('button', { name: 'Create combo' }).click();

    const readiness = page.getByRole('dialog', { name: 'Readiness' });
    await readiness.getByText('ready', { exact: true }).first().waitFor();
    expect(await readiness.getByRole('link', { name: 'Try in playground' }).getAttribute('href')).toBe(
      '/dashboard/playground?model=coding',
    );
    await page.keyboard.press('Escape');

    const { body } = await manage('GET', '/api/combos/coding');
    expect(body.strategy).toBe('weighted');
    expect(body.models.map((target: any) => target.model)).toEqual([
      'openai/gpt-4.1-mini',
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4.1',
    ]);
    expect(body.models[0].weight).toBe(3);
    await page
      .getByRole('cell', { name: 'openai/gpt-4.1-mini → anthropic/claude-sonnet-4-5 → openai/gpt-4.1' })
      .waitFor();
    await screenshot(page, 'combos-desktop');
  });

  it('refuses an invalid combo with the server message', async () => {
    await browser.open(page, '/combos');
    await page.getByRole('button', { name: 'New combo' }).click();
    const drawer = page.getByRole('dialog', { name: 'New combo' });
    await drawer.getByLabel('Combo name').fill('has space');
    await drawer.getByLabel('Model of target 1').fill('openai/gpt-4.1');
    await drawer.getByRole('button', { name: 'Create combo' }).click();
    await drawer.getByText(/without spaces/).waitFor();
    await page.keyboard.press('Escape');
  });

  it('creates a key shown once with limits, then revokes it', async () => {
    await browser.open(page, '/keys');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a key' });
    await dialog.getByLabel('Name').fill('ci-runner');
    await dialog.getByLabel('Allowed models').fill('openai/*');
    await dialog.getByLabel('Requests / minute').fill('60');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const reveal = page.getByRole('dialog', { name: 'Key ci-runner created' });
    const key = (await reveal.getByTestId('new-key').textContent()) ?? '';
    expect(key).toMatch(/^sk-/);
    await screenshot(page, 'keys-created');
    await reveal.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('cell', { name: 'rpm 60 · 1 allowed model' }).waitFor();
    // The key works with its policy: a model outside the allowlist is refused.
    const refused = await fetch(`${browser.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refused.status).toBe(403);
    await screenshot(page, 'keys-desktop');

    await page.getByRole('button', { name: 'Revoke ci-runner' }).click();
    await page.getByRole('dialog', { name: 'Revoke ci-runner?' }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('heading', { name: 'No keys yet' }).waitFor();
    const { body } = await manage('GET', '/api/keys');
    expect(body.keys.find((entry: any) => entry.name === 'ci-runner').revokedAt).not.toBeNull();
  });

  it('adds exact and wildcard aliases, shows a refused target, deletes one', async () => {
    await browser.open(page, '/aliases');
    await page.getByLabel('Alias', { exact: true }).fill('gpt-4');
    await page.getByLabel('Target', { exact: true }).fill('openai/gpt-4.1');
    await page.getByRole('button', { name: 'Save alias' }).click();
    await page.getByRole('cell', { name: 'gpt-4', exact: true }).waitFor();
    await page.getByLabel('Alias', { exact: true }).fill('claude-*');
    await page.getByLabel('Target', { exact: true }).fill('coding');
    await page.getByRole('button', { name: 'Save alias' }).click();
    await page.getByRole('cell', { name: 'wildcard' }).waitFor();

    await page.getByLabel('Alias', { exact: true }).fill('broken');
    await page.getByLabel('Target', { exact: true }).fill('nowhere/nothing');
    await page.getByRole('button', { name: 'Save alias' }).click();
    await expect.poll(() => page.locator('.field-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, 'aliases-desktop');

    await page.getByRole('button', { name: 'Delete alias gpt-4' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(async () => (await manage('GET', '/api/models/alias')).body.aliases.map((entry: any) => entry.alias), {
        timeout: 20_000,
      })
      .toEqual(['claude-*']);
  });

  it('shows the endpoint, counters and a client setup on the home page', async () => {
    await fetch(`${browser.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4.1', messages: [{ role: 'user', content: 'count me' }] }),
    });
    await browser.open(page, '/');
    await page.getByText(`${browser.url}/v1`, { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Claude Code' }).click();
    await page.getByText(`export ANTHROPIC_BASE_URL=${browser.url}`).waitFor();
    await page.getByRole('button', { name: 'New key for this client' }).click();
    const key = (await page.getByTestId('new-key').textContent()) ?? '';
    await page.getByText(`export ANTHROPIC_AUTH_TOKEN=${key}`).waitFor();
    await expect
      .poll(async () => (await page.locator('.stat').first().textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/Requests today\s*[1-9]/);
    await screenshot(page, 'home-desktop-light');

    // The theme switch overrides the system's choice and survives a reload.
    await page.getByRole('button', { name: 'Theme: system' }).click();
    await page.getByRole('button', { name: 'Theme: light' }).click();
    await page.getByRole('button', { name: 'Theme: dark' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'Theme: dark' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');

    const dark = await browser.newPage({ colorScheme: 'dark', loggedIn: true });
    await browser.open(dark, '/');
    await dark.getByText('Requests today').waitFor();
    await screenshot(dark, 'home-desktop-dark');
    const small = await browser.newPage({ viewport: phone, loggedIn: true });
    await browser.open(small, '/');
    await small.getByText('Requests today').waitFor();
    await screenshot(small, 'home-phone');
    await small.getByRole('button', { name: 'Menu' }).click();
    await small.getByRole('link', { name: 'Providers' }).click();
    await small.getByRole('heading', { name: 'Providers' }).waitFor();
    await screenshot(small, 'providers-phone');
    for (const path of ['/combos', '/keys', '/aliases']) {
      await browser.open(small, path);
      await small.locator('h1').waitFor();
      await screenshot(small, `${path.slice(1)}-phone`);
    }
  });
});
