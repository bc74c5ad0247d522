// Lighthouse (mobile form factor, its default simulated throttling) against
// the local server, in a Chromium this module starts with a DevTools port.
import lighthouse from 'lighthouse';
import { launchDebuggable } from './chromium.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
];

/**
 * Audits each of `paths` on `origin` once. Resolves to
 * `{ browser, pages: { path: { scores, metrics, failing } | { error } } }`;
 * scores are 0..100, `failing` lists the audits of the three categories
 * that scored below 1, which is what a lead needs to fix a missed 100.
 */
export async function runLighthouse({ origin, paths, chromium, perPageTimeoutMs, log }) {
  const browser = await launchDebuggable(chromium);
  const pages = {};
  try {
    for (const p of paths) {
      const url = origin + p;
      log(`lighthouse ${p}`);
      let timer;
      try {
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${perPageTimeoutMs} ms`)), perPageTimeoutMs);
        });
        const run = lighthouse(url, {
          port: browser.port,
          hostname: '127.0.0.1',
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
          formFactor: 'mobile',
        });
        // A run that loses the race may still fail later; that must not end the process.
        run.catch(() => {});
        const result = await Promise.race([run, timeout]);
        pages[p] = summarise(result.lhr);
      } catch (e) {
        pages[p] = { error: String(e && e.message ? e.message : e) };
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    await browser.close();
  }
  return { browser: browser.version, pages };
}

function summarise(lhr) {
  const scores = {};
  const failing = {};
  for (const id of CATEGORIES) {
    const cat = lhr.categories[id];
    scores[id] = cat && cat.score != null ? Math.round(cat.score * 100) : null;
    failing[id] = (cat ? cat.auditRefs : [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score != null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
      .map((a) => ({ id: a.id, score: a.score, title: a.title, display: a.displayValue ?? null, items: items(a) }));
  }
  const metrics = {};
  for (const id of METRICS) {
    const a = lhr.audits[id];
    if (a) metrics[id] = { value: a.numericValue, display: a.displayValue };
  }
  return {
    scores,
    metrics,
    failing,
    runWarnings: lhr.runWarnings ?? [],
    runtimeError: lhr.runtimeError ?? null,
    throttling: lhr.configSettings?.throttlingMethod,
    formFactor: lhr.configSettings?.formFactor,
  };
}

/** The first few offending elements or URLs of an audit, as short strings. */
function items(audit) {
  const list = audit.details && Array.isArray(audit.details.items) ? audit.details.items : [];
  return list.slice(0, 5).map((it) => {
    if (it.node) return `${it.node.selector ?? ''} ${it.node.snippet ?? ''}`.trim();
    if (it.url) return it.url;
    if (it.description) return String(it.description).slice(0, 200);
    return JSON.stringify(it).slice(0, 200);
  });
}
