// The Foods page as the benchmark drives it: waiting for its list and its
// search, and typing a query one real key at a time with each key timed, on
// any page that has the probe (probe.mjs) and a `#food-search` box: the
// app's Foods page, or the reference pages of floor.mjs.

/** Waits until the result count reads `text` ("8,789 foods"). */
export async function expectCount(page, text, timeout = 15_000) {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="result-count"]')?.textContent.trim() === t,
    text,
    { timeout },
  );
}

/** Waits until the Foods page can search, not only list (its words are indexed). */
export async function searchReady(page) {
  await page.waitForSelector('#food-search[data-searchable="true"]', { state: 'attached', timeout: 30_000 });
}

/**
 * Types `text` into `#food-search` with `delayMs` between keys and returns
 * each key's times (`keys`, from the probe), the long tasks and the Event
 * Timing entries seen meanwhile.
 */
export async function typeAndMeasure(page, text, delayMs) {
  const t0 = await page.evaluate(() => {
    window.__bench.typing = [];
    window.__bench.trackTyping = true;
    return performance.now();
  });
  await page.locator('#food-search').pressSequentially(text, { delay: delayMs });
  await page.waitForFunction((n) => window.__bench.typing.length >= n, text.length, { timeout: 15_000 });
  // Long-task entries are delivered after the task; give them a moment.
  await page.waitForTimeout(300);
  return page.evaluate((start) => {
    const B = window.__bench;
    B.trackTyping = false;
    const end = performance.now();
    return {
      keys: B.typing,
      longtasks: B.longtasks.filter((l) => l.start >= start && l.start <= end),
      events: B.events.filter((e) => e.start >= start && e.start <= end),
      noLongtask: !!B.noLongtask,
    };
  }, t0);
}

/** The paint time of the key that completed `text`, or null. */
export function lastKeyPaint(typing, text) {
  const k = typing && typing.keys.find((x) => x.value === text);
  return k ? k.paint : null;
}

/** The longest task reported while typing; 0 when none was over 50 ms. */
export function longestTask(typing) {
  return typing.longtasks.reduce((a, t) => Math.max(a, t.duration), 0);
}
