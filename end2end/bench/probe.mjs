// The in-page half of the benchmark. `installProbe` is handed to
// Playwright's addInitScript, so it runs in every document before the app's
// own scripts; it must therefore be self-contained (no imports, no closure
// over this module).
//
// All times are `performance.now()` values, whose origin is the document's
// navigation start, so load marks need no conversion. "Painted" means the
// first task after the next animation frame: requestAnimationFrame runs just
// before the browser renders, and a message posted from it is delivered only
// after that rendering update.
//
// `options.coldQuery` (`{ text, answered }`: a string and a CSS selector,
// which Playwright hands to the init script as JSON) makes the probe type
// `text` into the search box as soon as the box first accepts input (in the
// task after the DOM update that enabled it) and mark when the answer was
// shown (`answerShown`) and painted (`answerPaint`). The answer counts only
// when `answered` matches in the result list, the URL's `q` is `text`, the
// count is not that of the full list and no "Loading…" or "Preparing
// search…" status is left: almonds are also among the full list's rows.

export function installProbe(options) {
  const coldQuery = options && options.coldQuery;
  const B = {
    marks: {},
    longtasks: [],
    events: [],
    typing: [],
    trackTyping: false,
    wasm: null,
  };
  window.__bench = B;
  const now = () => performance.now();
  const afterPaint = (cb) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(now());
      ch.port2.postMessage(0);
    });

  // Trunk's start script announces the instantiated module; its exports
  // hold the wasm linear memory, which the heap measure adds to the JS heap.
  addEventListener('TrunkApplicationStarted', (e) => {
    B.marks.wasmStarted = now();
    B.wasm = e.detail && e.detail.wasm;
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    B.noLongtask = true;
  }
  // Element Timing: when the browser actually painted the result count (it
  // appears with the list), independent of when a task after that frame ran.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'result-count' && B.marks.listRender == null) B.marks.listRender = e.renderTime || e.loadTime;
      }
    }).observe({ type: 'element', buffered: true });
  } catch {
    B.noElementTiming = true;
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        B.events.push({ name: e.name, start: e.startTime, duration: e.duration, processingEnd: e.processingEnd });
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  } catch {
    B.noEventTiming = true;
  }

  // Waiters are checked on every DOM mutation: each has a predicate over the
  // current DOM (and the mutation records), and once it holds the waiter
  // resolves after the next paint with the time of the last mutation seen.
  let waiters = [];
  let lastMutation = 0;
  const FOODS_READY = '8,789 foods';
  const touches = (records, selector) =>
    records.some((r) => {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      return node && node.closest && node.closest(selector);
    });
  B.touches = touches;

  const checkLoad = (t) => {
    const m = B.marks;
    // The static first screen (index.html) shows the same box and count
    // before the app runs; the marks are the running app's.
    if (document.getElementById('boot')) return;
    if (m.shell == null) {
      const input = document.getElementById('food-search');
      if (input && !input.disabled) {
        m.shell = t;
        afterPaint((p) => (m.shellPaint = p));
      }
    }
    if (coldQuery && m.shell != null && m.typeScheduled == null) {
      m.typeScheduled = t;
      setTimeout(() => {
        const input = document.getElementById('food-search');
        m.typed = now();
        input.value = coldQuery.text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, 0);
    }
    if (coldQuery && m.typed != null && m.answerShown == null) {
      const q = new URLSearchParams(location.search).get('q');
      const count = document.querySelector('[data-testid="result-count"]');
      if (
        q === coldQuery.text &&
        !document.querySelector('[data-testid="foods-loading"]') &&
        count && count.textContent.trim() !== FOODS_READY &&
        document.querySelector(coldQuery.answered)
      ) {
        m.answerShown = t;
        afterPaint((p) => (m.answerPaint = p));
      }
    }
    if (m.searchable == null && document.querySelector('#food-search[data-searchable="true"]')) m.searchable = t;
    if (m.data == null) {
      const count = document.querySelector('[data-testid="result-count"]');
      if (count && count.textContent.trim() === FOODS_READY) {
        m.data = t;
        afterPaint((p) => {
          m.dataPaint = p;
          // Usable means both: the box takes input and the list is there.
          if (m.shellPaint != null) m.ready = Math.max(m.shellPaint, p);
          else m.ready = p;
        });
      }
    }
  };

  new MutationObserver((records) => {
    const t = now();
    lastMutation = t;
    checkLoad(t);
    if (B.trackTyping && B.noteTypingMutation) B.noteTypingMutation(records);
    const still = [];
    for (const w of waiters) {
      let hit = false;
      try {
        hit = w.predicate(records);
      } catch {
        hit = false;
      }
      if (hit) afterPaint((p) => w.done({ work: lastMutation - w.t0, paint: p - w.t0 }));
      else still.push(w);
    }
    waiters = still;
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });

  /**
   * Runs `action` and resolves once `predicate(records)` holds after a DOM
   * mutation, with `work` (start to the last mutation before the paint) and
   * `paint` (start to the next painted frame), both in ms from `t0`.
   */
  const track = (t0, predicate, timeout) =>
    new Promise((resolve) => {
      const w = { t0, predicate, done: resolve };
      waiters.push(w);
      setTimeout(() => {
        if (waiters.includes(w)) {
          waiters = waiters.filter((x) => x !== w);
          resolve({ timeout: true });
        }
      }, timeout);
    });
  B.measure = (action, predicate, timeout = 5000) => {
    const t0 = now();
    const p = track(t0, predicate, timeout);
    action();
    return p;
  };

  // Setting the search box the way a keystroke does: the value, then an
  // input event, which is what the page listens to.
  B.search = (text, timeout = 5000) => {
    const input = document.getElementById('food-search');
    if (!input) return Promise.resolve({ error: 'no search box' });
    const results = '[data-testid="food-results"], [data-testid="result-count"]';
    const want = text === '' ? (r) => touches(r, results) && document.querySelector('[data-testid="result-count"]')?.textContent.trim() === FOODS_READY : (r) => touches(r, results);
    return B.measure(() => {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, want, timeout);
  };

  // Real keystrokes (from Playwright) are timed from the event's own time
  // stamp, which includes any wait in the input queue. A key need not change
  // the list (an 11th letter may match the same foods as the 12th), so a
  // key also counts as shown at the first frame after the URL has taken its
  // value when no mutation came: then the unchanged result was on screen.
  let typingMutation = null;
  B.noteTypingMutation = (records) => {
    if (touches(records, '[data-testid="food-results"], [data-testid="result-count"]')) typingMutation = now();
  };
  document.addEventListener(
    'input',
    (e) => {
      if (!B.trackTyping || !(e.target && e.target.id === 'food-search')) return;
      const value = e.target.value;
      const t0 = e.timeStamp;
      typingMutation = null;
      let frames = 0;
      const frame = () =>
        requestAnimationFrame(() => {
          frames += 1;
          const urlQ = new URLSearchParams(location.search).get('q') ?? '';
          const mutated = typingMutation;
          if (mutated != null || (urlQ === value && frames >= 1)) {
            const ch = new MessageChannel();
            ch.port1.onmessage = () =>
              B.typing.push({ value, work: mutated != null ? mutated - t0 : null, paint: now() - t0, changed: mutated != null });
            ch.port2.postMessage(0);
          } else if (now() - t0 > 5000) B.typing.push({ value, timeout: true });
          else frame();
        });
      frame();
    },
    true,
  );
}
