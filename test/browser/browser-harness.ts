import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { type RunningGateway, startGateway } from '../../src/server.js';
import { type GatewayHarness, startHarness, testPassword } from '../helpers/gateway-harness.js';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/index.mjs';
import { ensureWebBuild } from './web-build.js';

export { testPassword };

/** Debian's chromium (installed by .ci/run); the flags keep it off the closed network (see the machine notes). */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const screenshotDir = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export interface BrowserHarness {
  /** The gateway's base URL (`http://127.0.0.1:PORT`). */
  url: string;
  gateway: RunningGateway;
  /** Logged-in management API calls (undefined in first-run mode until a password exists). */
  harness: GatewayHarness | undefined;
  mock: MockUpstream;
  browser: Browser;
  /** A fresh browser context (own cookies) and page. `loggedIn` logs in through the login form first. */
  newPage(options?: {
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    loggedIn?: boolean;
  }): Promise<Page>;
  /** Opens a dashboard path (`/providers`) and waits for the app to settle. */
  open(page: Page, path: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real gateway (with the mock upstream) and Debian's chromium for tests that click through the dashboard.
 * `firstRun: true` starts without any password (onboarding); otherwise the password is `testPassword`. Private base
 * URLs are allowed either way, so providers can point at the loopback mock.
 */
export async function startBrowserHarness(
  options: { firstRun?: boolean; env?: Record<string, string> } = {},
): Promise<BrowserHarness> {
  await ensureWebBuild();
  const mock = await startMockUpstream();
  let harness: GatewayHarness | undefined;
  let gateway: RunningGateway;
  let dataDir: string | undefined;
  if (options.firstRun) {
    dataDir = mkdtempSync(join(tmpdir(), 'omniroute-browser-'));
    const configFile = join(dataDir, 'omniroute.yaml');
    writeFileSync(configFile, 'settings:\n  allowPrivateBaseUrls: true\n');
    gateway = await startGateway(
      { ...loadConfig({}, { dataDir, port: 0, configFile }), shutdownGraceMs: 2000 },
      silentLogger(),
      {},
    );
  } else {
    harness = await startHarness({ env: options.env });
    gateway = harness.gateway;
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const contexts: BrowserContext[] = [];
  const url = gateway.url;

  const open = async (page: Page, path: string) => {
    await page.goto(`${url}/dashboard${path}`);
    await page.waitForLoadState('networkidle');
  };

  return {
    url,
    gateway,
    harness,
    mock,
    browser,
    async newPage({ viewport = desktop, colorScheme = 'light', loggedIn = false } = {}) {
      const context = await browser.newContext({ viewport, colorScheme, baseURL: url });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      if (loggedIn) await logIn(page, url);
      return page;
    },
    open,
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      if (harness) await harness.stop();
      else await gateway.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await mock.close();
    },
  };
}

/** Logs in through the login form, as a person would. */
export async function logIn(page: Page, url: string, password = testPassword): Promise<void> {
  await page.goto(`${url}/dashboard/`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // The main area, not the nav: on phones the nav is folded behind the menu button.
  await page.locator('main').waitFor();
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png (gitignored; look at them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
