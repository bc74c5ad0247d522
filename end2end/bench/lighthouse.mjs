// Lighthouse (mobile form factor, its default simulated throttling) against
// the local server, in a Chromium this module starts with a DevTools port;
// each page several times, since one run's score moves by a few points.
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
 * Audits each of `paths` on `origin` `runs` times, one page after the
 * other. Resolves to `{ browser, runsPerPage, pages: { path: page } }`,
 * where a page is `{ runs, scores, metrics, medianRun, failing }`: every
 * run as `summarise` gives it (or `{ error }`), the median over the runs
 * that finished of each score (0..100) and of each metric's numeric value,
 * the index of the median run (by performance score, then LCP) and that
 * run's `failing` audits, which is what a lead needs to fix a missed 100.
 * A page whose every run failed is `{ runs, error }`.
 */
export async function runLighthouse({ origin, paths, runs = 1, chromium, perPageTimeoutMs, log }) {
  const browser = await launchDebuggable(chromium);
  const pages = {};
  try {
    for (const p of paths) {
      const url = origin + p;
      const done = [];
      for (let i = 0; i < runs; i++) {
        log(`lighthouse ${p} run ${i + 1}/${runs}`);
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
          done.push(summarise(result.lhr));
        } catch (e) {
          done.push({ error: String(e && e.message ? e.message : e) });
        } finally {
          clearTimeout(timer);
        }
      }
      pages[p] = medianOfRuns(done);
    }
  } finally {
    await browser.close();
  }
  return { browser: browser.version, runsPerPage: runs, pages };
}

/** The lower middle of the finite numbers in `values`, or null: a value one run really had. */
function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
}

/** A page's runs with the median of each score and metric, and the median run's failing audits. */
function medianOfRuns(runs) {
  const ok = runs.filter((r) => !r.error && r.scores);
  if (ok.length === 0) return { runs, error: runs.map((r) => r.error).filter(Boolean)[0] ?? 'no run finished' };
  const scores = {};
  for (const id of CATEGORIES) scores[id] = median(ok.map((r) => r.scores[id]));
  const spread = (values) => {
    const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
    return v.length ? { min: Math.min(...v), max: Math.max(...v) } : { min: null, max: null };
  };
  const metrics = {};
  for (const id of METRICS) {
    const values = ok.map((r) => r.metrics[id]?.value);
    metrics[id] = { value: median(values), ...spread(values) };
  }
  const range = {};
  for (const id of CATEGORIES) range[id] = spread(ok.map((r) => r.scores[id]));
  // The median run: the middle one by performance score, ties broken by LCP.
  const order = ok
    .map((r, i) => ({ i, perf: r.scores.performance ?? -1, lcp: r.metrics['largest-contentful-paint']?.value ?? Infinity }))
    .sort((a, b) => a.perf - b.perf || b.lcp - a.lcp);
  const mid = ok[order[Math.floor((order.length - 1) / 2)].i];
  return {
    runs,
    finished: ok.length,
    scores,
    scoreRange: range,
    metrics,
    medianRun: runs.indexOf(mid),
    failing: mid.failing,
  };
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
