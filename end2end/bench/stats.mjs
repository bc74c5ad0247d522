// Small statistics for the benchmark: percentiles by linear interpolation
// between closest ranks, and a summary of median and spread.

/** The p-th percentile (0..100) of `values`, or null when there are none. */
export function percentile(values, p) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo] + (v[hi] - v[lo]) * (rank - lo);
}

/** `{ n, median, min, max, p25, p75 }` of the finite numbers in `values`. */
export function summary(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return { n: 0, median: null, min: null, max: null, p25: null, p75: null };
  return {
    n: v.length,
    median: round(percentile(v, 50)),
    min: round(Math.min(...v)),
    max: round(Math.max(...v)),
    p25: round(percentile(v, 25)),
    p75: round(percentile(v, 75)),
  };
}

/** Rounds to 0.1 (times in ms and sizes in bytes do not need more). */
export function round(x) {
  return x == null ? null : Math.round(x * 10) / 10;
}
