import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app.js';

/** Debian's Chromium, started headless with nothing that reaches for the network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serves the app on a free loopback port for the browser. */
export async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A test app served on loopback with a browser to drive it; call inside describe() to get before/after hooks. */
export function browserSuite(): { readonly t: TestApp; readonly baseUrl: string; readonly browser: Browser } {
  const state = {} as { t: TestApp; baseUrl: string; browser: Browser; close: () => Promise<void> };
  before(async () => {
    state.t = await startTestApp();
    const server = await listen(state.t.app);
    state.baseUrl = server.baseUrl;
    state.close = server.close;
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.close?.();
    await state.t?.close();
  });
  return state;
}

/**
 * A new browser without JavaScript (as many rural users have it), signed in
 * with the Norwegian login form; a failed login says where it ended up.
 */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.waitForURL(/\/dashboard$/, { timeout: 15_000 }).catch(async () => {
    throw new Error(`login as ${email} ended at ${page.url()}: ${(await page.textContent('main'))?.trim().slice(0, 300)}`);
  });
  return page;
}
