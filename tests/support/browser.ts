/**
 * Debian's Chromium driven by playwright-core (no browser download works here), with the
 * flags that keep it off the closed network (they are refused by this machine's closed network otherwise). playwright-core gives every
 * launch a fresh, empty profile of its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDevServer, type DevServer } from './dev-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export interface TestBrowser {
  browser: Browser;
  /** A fresh context: its own storage, like another person's phone. */
  person: (options?: { width?: number; height?: number }) => Promise<{ context: BrowserContext; page: Page }>;
  shot: (page: Page, name: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    person: async ({ width = 1280, height = 900 } = {}) => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      return { context, page };
    },
    shot: async (page, name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    close: () => browser.close(),
  };
}

/**
 * The usual browser-test setup: a real `wrangler dev` and Chromium, started together before
 * the file's tests and stopped after them. Hooks a file adds run after these start.
 */
export function useServerAndBrowser(options: Parameters<typeof startDevServer>[0] = {}): { server: DevServer; tb: TestBrowser } {
  const env = {} as { server: DevServer; tb: TestBrowser };
  beforeAll(async () => {
    [env.server, env.tb] = await Promise.all([startDevServer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await env.tb?.close();
    await env.server?.stop();
  });
  return env;
}
