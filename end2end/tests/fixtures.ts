// Shared fixtures: a fresh static server per test over the release build, a
// page object for the shell, and an automatic privacy check that every
// request of the browser context (pages and service worker) stays on the
// app's own origin.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../serve.mjs';

// MGT_DIST lets a second build (another checkout or target dir) be tested.
export const DIST = process.env.MGT_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

export type Server = {
  url: string;
  requests: string[];
  responses: { path: string; status: number; bytes: number }[];
  close: () => Promise<void>;
};

export class App {
  constructor(readonly page: Page) {}

  /** Opens a path and waits until the app has mounted. */
  async goto(p: string) {
    await this.page.goto(p);
    await this.ready();
  }

  async ready() {
    // The static first screen (index.html) has the same navigation, so the
    // app has started only once the loading screen it stands in is gone.
    await expect(this.page.locator('#boot')).toHaveCount(0);
    await expect(this.page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  }

  nav(name: 'Foods' | 'Today' | 'List' | 'Diary') {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
  }

  /** Resolves once a service worker controls the page. */
  async controlledByServiceWorker() {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
      }
    });
  }
}

/**
 * Holds back every request whose URL matches `url`, as a slow network would,
 * until the returned function is called. Routed on a page, it holds that
 * page's requests; on a context, also those of its workers.
 */
export async function holdBack(target: Page | BrowserContext, url: RegExp): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await target.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The requests among `urls` that went to any origin but the given ones. */
export function foreignRequests(origins: string | string[], urls: string[]) {
  const allowed = new Set(Array.isArray(origins) ? origins : [origins]);
  return urls.filter((u) => {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && !allowed.has(url.origin);
  });
}

export const test = base.extend<{ server: Server; app: App; ownOrigins: string[] }>({
  server: async ({}, use) => {
    const server = await startServer({ root: DIST });
    let closed = false;
    const close = async () => {
      if (!closed) {
        closed = true;
        await server.close();
      }
    };
    await use({ ...server, close });
    await close();
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  // Origins a test serves the app from; a test that starts its own server adds it.
  ownOrigins: async ({ server }, use) => {
    await use([server.url]);
  },
  context: async ({ context, ownOrigins }, use) => {
    const seen: string[] = [];
    context.on('request', (request) => seen.push(request.url()));
    await use(context);
    expect(foreignRequests(ownOrigins, seen), 'requests that left the app origin').toEqual([]);
  },
  // The app runs under its Content-Security-Policy in every test; any
  // violation (an inline style, a foreign request) fails the test.
  app: async ({ page }, use) => {
    await page.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(new App(page));
    const violations = await page
      .evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])
      .catch(() => []);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
});

export { expect };

/**
 * A magnesium amount the way the app shows it everywhere, the CSV included
 * (src/domain/mg.rs): to 0.1 mg below 10 mg, whole mg from 10 mg up, no
 * trailing ".0".
 */
export function mgNumber(v: number): string {
  const tenths = Math.round(v * 10) / 10;
  return String(tenths < 10 ? tenths : Math.round(v));
}
