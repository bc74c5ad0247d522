import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// The section anchors of src/domain/guide.rs. They are part of the app's
// public addresses (/guide#safety), so the test names them rather than
// reading them from the page it checks.
const SECTIONS = [
  'why-it-matters',
  'how-much',
  'what-lowers-magnesium',
  'food-sources',
  'supplement-forms',
  'what-people-take-it-for',
  'safety',
];

const EVIDENCE_LABELS = [
  'Well established',
  'Some trial support',
  'Association only',
  'Mixed evidence',
  'No good evidence',
];

/**
 * Waits until the whole Guide is on the page: its food examples (which wait
 * for the food data) and the reference list, built with the closing note in
 * the last part after the first paint. The checks that read every link or
 * claim at once run after it; on a busy machine the sources used to be
 * still to come, so there was not a single external link to check.
 */
async function guideBuilt(page: Page) {
  await expect(page.getByTestId('guide-food').first()).toBeVisible();
  await expect(page.getByTestId('guide-sources')).toBeAttached();
}

test('every section of the Guide renders offline, with its computed tables', async ({ app, page, context, server }) => {
  await app.goto('/guide');
  await app.controlledByServiceWorker();
  // As in offline.spec.ts: stop the server too, because setOffline does not
  // cover the service worker's own requests.
  await server.close();
  await context.setOffline(true);

  await page.reload();
  await app.ready();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Guide');
  await expect(page.getByTestId('guide-disclaimer')).toContainText('not medical advice', { ignoreCase: true });
  for (const id of SECTIONS) {
    await expect(page.locator(`section[id="${id}"] > h2`), id).toBeVisible();
  }
  // The figures come from app code and the cached food data, not the network.
  await expect(page.getByTestId('reference-table')).toHaveCount(2);
  await expect(page.getByTestId('your-row')).toHaveCount(2);
  await expect(page.getByTestId('elemental-shares').locator('tbody tr').first()).toContainText('%');
  await expect(page.getByTestId('guide-food').first()).toBeVisible();
});

test('every internal link on the Guide resolves to a real page', async ({ app, page }) => {
  // One full page load per distinct link.
  test.setTimeout(240_000);
  await app.goto('/guide');
  await guideBuilt(page);

  // Anchors within the page point at elements that exist.
  const anchors = await page.locator('a[href^="#"]').evaluateAll((links) =>
    links.map((a) => a.getAttribute('href') ?? ''),
  );
  expect(anchors.length).toBeGreaterThan(SECTIONS.length);
  for (const href of new Set(anchors)) {
    await expect(page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`), href).toHaveCount(1);
  }

  const hrefs = [
    ...new Set(
      await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '')),
    ),
  ];
  // Section links, symptom links and food examples are all there.
  expect(hrefs).toContain('/today');
  expect(hrefs.some((h) => h.startsWith('/diary?symptom='))).toBe(true);
  expect(hrefs.some((h) => h.startsWith('/guide#'))).toBe(true);
  expect(hrefs.filter((h) => /^\/foods\/\d+$/.test(h)).length).toBeGreaterThanOrEqual(5);

  for (const href of hrefs) {
    await app.goto(href);
    if (/^\/foods\/\d+$/.test(href)) {
      await expect(page.getByTestId('page-food'), href).toBeVisible();
    }
    await expect(page.getByTestId('not-found'), href).toHaveCount(0);
    await expect(page.getByTestId('food-not-found'), href).toHaveCount(0);
    const hash = new URL(href, 'http://x').hash;
    if (hash) {
      await expect(page.locator(`[id="${decodeURIComponent(hash.slice(1))}"]`), href).toHaveCount(1);
      // A freshly loaded /guide#section scrolls to its section.
      await expect(page.locator(`[id="${decodeURIComponent(hash.slice(1))}"] > h2`), href).toBeInViewport();
    }
  }
});

test('every claim shows an evidence level and cites listed sources', async ({ app, page }) => {
  await app.goto('/guide');
  const claims = page.getByTestId('guide-claim');
  await guideBuilt(page);
  // Seven sections of at least five claims each (see the domain tests).
  expect(await claims.count()).toBeGreaterThanOrEqual(SECTIONS.length * 5);

  const found = await claims.evaluateAll((items) =>
    items.map((item) => ({
      text: item.querySelector('p')?.textContent ?? '',
      evidence: [...item.querySelectorAll('[data-testid="claim-evidence"]')].map((e) => ({
        label: e.textContent?.trim() ?? '',
        badge: e.querySelector('.evidence')?.className ?? '',
      })),
      sources: [...item.querySelectorAll('[data-testid="claim-source"]')].map((a) => ({
        href: a.getAttribute('href') ?? '',
        label: a.textContent?.trim() ?? '',
      })),
    })),
  );
  // The numbered list: id and 1-based position of each entry.
  const entries = await page.getByTestId('source-entry').evaluateAll((items) =>
    items.map((li, i) => ({ id: li.id, number: i + 1, text: li.textContent?.trim() ?? '' })),
  );
  expect(entries.length).toBeGreaterThan(0);
  const byId = new Map(entries.map((e) => [e.id, e]));

  for (const claim of found) {
    expect(claim.text.length, 'claim text').toBeGreaterThan(0);
    expect(claim.evidence, claim.text).toHaveLength(1);
    const { label, badge } = claim.evidence[0];
    expect(EVIDENCE_LABELS, claim.text).toContain(label);
    expect(badge, claim.text).toMatch(/\bevidence-[a-z-]+\b/);
    expect(claim.sources.length, claim.text).toBeGreaterThan(0);
    for (const source of claim.sources) {
      expect(source.href, claim.text).toMatch(/^#source-/);
      const entry = byId.get(source.href.slice(1));
      expect(entry, `${claim.text} → ${source.href}`).toBeDefined();
      expect(source.label, source.href).toBe(`[${entry!.number}]`);
      expect(entry!.text.length).toBeGreaterThan(10);
    }
  }

  // The legend explains every label a claim can carry.
  const legend = page.getByTestId('evidence-legend');
  for (const label of EVIDENCE_LABELS) {
    await expect(legend.getByText(label, { exact: true })).toBeVisible();
  }

  // Clicking a reference scrolls to its entry in the list. The food table
  // is already loaded (`guideBuilt`), so the layout no longer moves, and the
  // link is centred so that neither the sticky header nor the bottom
  // navigation covers it.
  const first = page.getByTestId('claim-source').first();
  const target = (await first.getAttribute('href'))!;
  await first.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/guide${target}$`));
  await expect(page.locator(target)).toBeInViewport();
});

test('external sources open only on a click, and the page fits 320 px', async ({ app, page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await app.goto('/guide');
  await guideBuilt(page);

  const external = await page.locator('a[href^="http"]').evaluateAll((links) =>
    links.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') ?? '' })),
  );
  expect(external.length).toBeGreaterThan(0);
  for (const link of external) {
    expect(link.target, link.href ?? '').toBe('_blank');
    expect(link.rel.split(/\s+/), link.href ?? '').toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
  }
  // Nothing on the page loads from elsewhere by itself (the fixture also
  // checks every request of the context).
  const foreign = await page.evaluate(() =>
    [...document.querySelectorAll('[src], link[href]')]
      .map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? '')
      .filter((u) => /^(https?:)?\/\//.test(u)),
  );
  expect(foreign).toEqual([]);
  // No inline style attributes: the release CSP forbids them.
  await expect(page.locator('main [style]')).toHaveCount(0);

  // Wide tables scroll inside their card; the page itself never does. A
  // mobile browser widens its layout viewport to fit overflowing content, so
  // the page is measured against the 320 px screen, not window.innerWidth.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
});
