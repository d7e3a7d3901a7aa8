import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, phone, screenshot, startBrowserHarness } from './browser-harness.js';

describe('first-run onboarding in the browser', { timeout: 180_000 }, () => {
  let browser: BrowserHarness;
  beforeAll(async () => {
    browser = await startBrowserHarness({ firstRun: true });
  }, 180_000);
  afterAll(() => browser?.stop());

  it('takes a new user from no password to a working key and a successful chat', async () => {
    const page = await browser.newPage();
    await browser.open(page, '/');
    await page.getByRole('heading', { name: 'Set a password' }).waitFor();
    await screenshot(page, 'onboarding-password');
    await page.getByLabel('New password').fill('correct-horse-battery');
    await page.getByLabel('Repeat password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Set password' }).click();

    // Step 2: connect OpenAI, pointed at the mock upstream; the connection is tested at once.
    await page.getByRole('heading', { name: 'Connect a provider' }).waitFor();
    await page.getByLabel('Provider').selectOption('openai');
    await page.getByLabel('API key').fill('sk-onboarding-test');
    await page.getByLabel('Base URL').fill(`${browser.mock.url}/v1`);
    await screenshot(page, 'onboarding-provider');
    await page.getByRole('button', { name: 'Connect and test' }).click();
    await page.getByText('is connected').waitFor();
    await page.getByText('OK', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Next: create a key' }).click();

    // Step 3: the key is shown once.
    await page.getByRole('heading', { name: 'Create a key' }).waitFor();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-key').textContent()) ?? '';
    expect(key).toMatch(/^sk-/);
    await screenshot(page, 'onboarding-key');
    await page.getByRole('button', { name: 'Next: use it' }).click();

    // Step 4: a curl command with the real key and a model of the connected provider.
    await page.getByRole('heading', { name: 'Use it' }).waitFor();
    const curl = (await page.locator('pre').nth(1).textContent()) ?? '';
    expect(curl).toContain(key);
    const model = /"model": "([^"]+)"/.exec(curl)?.[1] ?? '';
    expect(model).toMatch(/^openai\//);
    await screenshot(page, 'onboarding-use');

    // What the page says works: the key and model answer through the gateway.
    const answer = await fetch(`${browser.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(await answer.json())).toContain('Mock openai reply to: Hello');

    // The password now protects the dashboard: a fresh browser lands on the login page.
    const stranger = await browser.newPage({ viewport: phone });
    await browser.open(stranger, '/');
    await stranger.getByRole('heading', { name: 'Log in' }).waitFor();
  });
});
