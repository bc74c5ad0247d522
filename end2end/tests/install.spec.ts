import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, foreignRequests } from './fixtures';
import { chromiumArgs, executablePath } from '../playwright.config';

test('Chromium finds the app installable and the manifest is complete', async ({ server }) => {
  // Installability is never reported in an incognito (non-persistent) context.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgt-install-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    args: chromiumArgs,
    viewport: { width: 390, height: 844 },
  });
  const seen: string[] = [];
  context.on('request', (r) => seen.push(r.url()));
  try {
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);

    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 15_000 })
      .toEqual([]);

    const manifest = await (await page.request.get(server.url + '/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({
      name: 'Magnesium Tracker',
      short_name: expect.any(String),
      description: expect.any(String),
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    // A long press on the home-screen icon offers the list and the search.
    expect(manifest.shortcuts.map((s: { name: string; short_name: string; url: string }) => [s.name, s.short_name, s.url])).toEqual([
      ['Shopping list', 'List', '/list'],
      ['Search foods', 'Foods', '/foods'],
    ]);
    for (const s of manifest.shortcuts) expect(s.icons[0].src, s.name).toBe('/icons/icon-192.png');
    const pngs = manifest.icons.filter((i: { type: string }) => i.type === 'image/png');
    expect(pngs.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    // Each icon is really a PNG of the size the manifest claims.
    for (const icon of [...pngs, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, icon.src);
      expect(size, icon.src).toBe(icon.sizes);
    }
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(foreignRequests(server.url, seen)).toEqual([]);
});
