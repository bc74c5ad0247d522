import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, DIST, App } from './fixtures';
import { startServer } from '../serve.mjs';

test('a new service worker shows the reload prompt and reloading serves the new version', async ({ page, ownOrigins }) => {
  // A private copy of the build that this test can change under the open page.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mgt-update-'));
  fs.cpSync(DIST, root, { recursive: true });
  const server = await startServer({ root });
  ownOrigins.push(server.url);
  try {
    const app = new App(page);
    await page.goto(server.url + '/today');
    await app.ready();
    await app.controlledByServiceWorker();
    await expect(page.getByTestId('update-banner')).toBeHidden();
    expect(await page.locator('meta[name="mgt-test-build"]').count()).toBe(0);

    // Deploy "version 2": a changed page and the worker that names it. The
    // server sends a file's precompressed copy where there is one, and a real
    // deploy writes new copies; this one removes the old copies of the two
    // files it edits, so the server compresses their new text.
    for (const f of ['index.html', 'sw.js']) for (const c of ['.gz', '.br']) fs.rmSync(path.join(root, f + c), { force: true });
    const indexPath = path.join(root, 'index.html');
    const html = fs.readFileSync(indexPath, 'utf8');
    fs.writeFileSync(indexPath, html.replace('</title>', '</title><meta name="mgt-test-build" content="2">'));
    expect(fs.readFileSync(indexPath, 'utf8')).toContain('mgt-test-build');
    const swPath = path.join(root, 'sw.js');
    const sw = fs.readFileSync(swPath, 'utf8');
    fs.writeFileSync(swPath, sw.replace(/const VERSION = '([0-9a-f]+)';/, "const VERSION = '$1-v2';"));
    expect(fs.readFileSync(swPath, 'utf8')).toContain("-v2';");

    // The app checks for updates when it comes back to the foreground; the
    // test asks directly instead of switching tabs.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('A new version is ready');

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await app.ready();
    await expect(page.locator('meta[name="mgt-test-build"]')).toHaveAttribute('content', '2');
    await expect(page.getByTestId('update-banner')).toBeHidden();
    await expect(page).toHaveURL(/\/today$/);
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
