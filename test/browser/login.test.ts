import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, logIn, phone, screenshot, startBrowserHarness } from './browser-harness.js';

describe('dashboard login', { timeout: 120_000 }, () => {
  let browser: BrowserHarness;
  beforeAll(async () => {
    browser = await startBrowserHarness();
  }, 180_000);
  afterAll(() => browser?.stop());

  it('refuses a wrong password with the server message, logs in with the right one, and logs out', async () => {
    const page = await browser.newPage();
    await browser.open(page, '/');
    await expect.poll(() => page.getByRole('heading', { name: 'Log in' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'login-desktop');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong password.').waitFor();

    await logIn(page, browser.url);
    await expect.poll(() => page.getByRole('link', { name: 'Providers' }).isVisible(), { timeout: 20_000 }).toBe(true);
    // The session survives a reload (httpOnly cookie), and deep links work.
    await browser.open(page, '/keys');
    await page.getByRole('heading', { name: 'API keys' }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await browser.open(page, '/keys');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
  });

  it('shows the login page at phone width', async () => {
    const page = await browser.newPage({ viewport: phone, colorScheme: 'dark' });
    await browser.open(page, '/');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await screenshot(page, 'login-phone-dark');
  });
});
