import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockOAuth, startMockOAuth } from '../mock-oauth/index.mjs';
import { type BrowserHarness, screenshot, startBrowserHarness } from './browser-harness.js';

/** Subscription sign-in on the Providers page: the device-code flow against the mock OAuth server. */
describe('dashboard subscription sign-in', { timeout: 180_000 }, () => {
  let oauth: MockOAuth;
  let browser: BrowserHarness;
  let page: Page;
  beforeAll(async () => {
    oauth = await startMockOAuth({});
    browser = await startBrowserHarness({ env: { ...oauth.env('QWEN') } });
    page = await browser.newPage({ loggedIn: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.stop();
    await oauth?.close();
  });

  it('shows the device code, waits for it to be entered, then lists the account', async () => {
    await browser.open(page, '/providers');
    await page.getByLabel('Search the catalog').fill('qwen');
    await page.getByRole('button', { name: /^Connect Qwen/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Sign in: / });
    await dialog.getByRole('button', { name: 'Get a sign-in code' }).click();
    const code = (await dialog.getByTestId('oauth-user-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-F]{6}$/);
    await screenshot(page, 'providers-device-code');
    oauth.approveDevice(code);
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await browser.harness!.manage('GET', '/api/providers')).body.connections.length, {
        timeout: 20_000,
      })
      .toBe(1);
    await page.getByTestId(/^account-/).waitFor();
  });
});
