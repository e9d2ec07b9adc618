// The ChannelAttribution example data (10,000 paths): heuristics against the package's published output, Markov against independent computations.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createRng } from '../../shared/rng.js';
import { attribute, attributeAll } from './attribute.js';
import type { AttributionResult } from './attribution-result.js';
import { parsePathTable } from './path-table.js';

// shared/ sits beside the repository, on developer machines and in CI alike.
// shared/ sits beside the checkout; this machine also keeps it at /work/shared
const DATA = [new URL('../../../../shared/datasets/channel-attribution-paths/Data.csv', import.meta.url), new URL('file:///work/shared/datasets/channel-attribution-paths/Data.csv')].find((u) => existsSync(u)) ?? new URL('../../../../shared/datasets/channel-attribution-paths/Data.csv', import.meta.url);
const missing = existsSync(DATA) ? false : `no ${DATA.pathname}`;
const text = missing ? '' : readFileSync(DATA, 'utf8');

/*
 * heuristic_models(Data, "path", "total_conversions", var_value = "total_conversion_value") of the R
 * package on this data, as printed (4 decimals for values, 6 for linear conversions) in a public
 * RPubs notebook: [first conv, first value, last conv, last value, linear conv, linear value].
 */
const PUBLISHED_HEURISTICS: Record<string, readonly [number, number, number, number, number, number]> = {
  eta: [3164, 11909.4762, 4167, 16754.2038, 3539.951157, 13783.497051],
  iota: [4606, 19597.2613, 3355, 13487.9743, 3857.096221, 15988.988995],
  alpha: [6308, 19121.2724, 8447, 28414.2143, 7574.718594, 24524.709569],
  beta: [2831, 12235.5917, 989, 3850.021, 2083.500145, 8954.266717],
  theta: [1606, 6652.3493, 653, 2799.092, 1022.801394, 4295.743619],
  lambda: [902, 3735.6022, 1207, 5249.95, 1035.257572, 4430.316169],
  kappa: [74, 305.7432, 230, 1069.3843, 137.964078, 599.747786],
  zeta: [27, 103.004, 107, 453.2608, 136.55154, 539.528763],
  epsilon: [99, 412.3012, 531, 2202.6123, 272.170438, 1106.270065],
  gamma: [165, 718.978, 92, 506.014, 121.041639, 569.417358],
  delta: [1, 6.119, 5, 10.972, 1.725, 4.40405],
  mi: [2, 5.273, 2, 5.273, 2.222222, 6.081444],
};

const get = (r: AttributionResult, channel: string) => r.channels.find((c) => c.channel === channel);

test('first, last and linear equal the package output to the printed digits', { skip: missing }, () => {
  const paths = parsePathTable(text);
  const [first, last, linear] = (['first', 'last', 'linear'] as const).map((m) => attribute(paths, m));
  assert.equal(first?.totalConversions, 19785);
  for (const [channel, [fc, fv, lc, lv, nc, nv]] of Object.entries(PUBLISHED_HEURISTICS)) {
    assert.equal(first && get(first, channel)?.conversions, fc, `${channel} first`);
    assert.equal(last && get(last, channel)?.conversions, lc, `${channel} last`);
    const near = (got: number | undefined, want: number, digits: number, what: string): void =>
      assert.ok(
        got !== undefined && Math.abs(got - want) <= 0.5 * 10 ** -digits + 1e-9,
        `${channel} ${what}: ${got} vs ${want}`,
      );
    near(first && get(first, channel)?.value, fv, 4, 'first value');
    near(last && get(last, channel)?.value, lv, 4, 'last value');
    near(linear && get(linear, channel)?.conversions, nc, 6, 'linear conversions');
    near(linear && get(linear, channel)?.value, nv, 6, 'linear value');
  }
});

interface Row {
  path: string[];
  conv: number;
  nulls: number;
}

/** The fitted chain built again from the raw text, with string states and plain maps. */
function referenceChain(rows: Row[], order: number): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const bump = (from: string, to: string, n: number): void => {
    if (!out.has(from)) out.set(from, new Map());
    const m = out.get(from) as Map<string, number>;
    m.set(to, (m.get(to) ?? 0) + n);
  };
  for (const { path, conv, nulls } of rows) {
    const states: string[] = [];
    for (let i = 0; i + order <= Math.max(path.length, order); i++) {
      const s = path.slice(i, i + order).join(' > ');
      if (states[states.length - 1] !== s) states.push(s);
    }
    let from = '(start)';
    for (const s of states) {
      bump(from, s, conv + nulls);
      from = s;
    }
    if (conv > 0) bump(from, '(conversion)', conv);
    if (nulls > 0) bump(from, '(null)', nulls);
  }
  return out;
}

/** P(conversion) from (start) by dense Gaussian elimination over the states not removed. */
function denseConversion(
  chain: Map<string, Map<string, number>>,
  removed: (state: string) => boolean,
): number {
  const states = [...chain.keys()].filter((s) => s === '(start)' || !removed(s));
  const index = new Map(states.map((s, i) => [s, i]));
  const n = states.length;
  const a: Float64Array[] = states.map(() => new Float64Array(n + 1));
  states.forEach((s, i) => {
    const next = chain.get(s) as Map<string, number>;
    const total = [...next.values()].reduce((x, y) => x + y, 0);
    const ai = a[i] as Float64Array;
    ai[i] = 1;
    for (const [t, c] of next) {
      if (t === '(conversion)') ai[n] = (ai[n] as number) + c / total;
      else if (index.has(t)) ai[index.get(t) as number] = (ai[index.get(t) as number] as number) - c / total;
    }
  });
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++)
      if (Math.abs((a[i] as Float64Array)[k] as number) > Math.abs((a[p] as Float64Array)[k] as number))
        p = i;
    const pivot = a[p] as Float64Array;
    a[p] = a[k] as Float64Array;
    a[k] = pivot;
    const ak = a[k] as Float64Array;
    for (let i = 0; i < n; i++) {
      const ai = a[i] as Float64Array;
      const f = (ai[k] as number) / (ak[k] as number);
      if (i === k || f === 0) continue;
      for (let j = k; j <= n; j++) ai[j] = (ai[j] as number) - f * (ak[j] as number);
    }
  }
  const s0 = index.get('(start)') as number;
  return ((a[s0] as Float64Array)[n] as number) / ((a[s0] as Float64Array)[s0] as number);
}

const rowsOf = (csv: string): Row[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [path, conv, , nulls] = line.split(';');
      return { path: (path ?? '').split(' > '), conv: Number(conv), nulls: Number(nulls) };
    });

for (const order of [1, 2, 3] as const) {
  test(
    `Markov order ${order}: removal effects equal a dense re-solve of the chain built independently`,
    { skip: missing },
    () => {
      const rows = rowsOf(text);
      const chain = referenceChain(rows, order);
      const p = denseConversion(chain, () => false);
      const r = attribute(parsePathTable(text), 'markov', { order });
      assert.ok(
        Math.abs((r.conversionProbability ?? 0) - p) < 1e-12,
        `P(conv) ${r.conversionProbability} vs ${p}`,
      );
      assert.ok(
        Math.abs(p - 19785 / (19785 + 68602)) < 1e-12,
        'the fitted chain reproduces the observed conversion rate',
      );
      const effects = new Map(
        r.channels.map((c) => [
          c.channel,
          1 - denseConversion(chain, (s) => s.split(' > ').includes(c.channel)) / p,
        ]),
      );
      const sum = [...effects.values()].reduce((x, y) => x + y, 0);
      for (const c of r.channels) {
        const re = effects.get(c.channel) as number;
        assert.ok(
          Math.abs((c.removalEffect ?? Number.NaN) - re) < 1e-9,
          `${c.channel}: ${c.removalEffect} vs ${re}`,
        );
        assert.ok(Math.abs(c.conversions - (19785 * re) / sum) < 1e-6, `${c.channel} conversions`);
      }
    },
  );
}

/*
 * ChannelAttribution's markov_model estimates by simulation: it walks the fitted chain from (start),
 * ends a walk at conversion, null or after the longest observed number of steps, and credits each
 * channel with the share of converting walks that visited it. This is that algorithm (seeded, one
 * run of 10^6 walks instead of the package's folds of 10^5 until convergence).
 */
test(
  'Markov order 1 lies within 5 standard errors of the package-style simulation',
  { skip: missing },
  (t) => {
    const rows = rowsOf(text);
    const chain = referenceChain(rows, 1);
    const cumulative = new Map(
      [...chain].map(([s, next]) => {
        const total = [...next.values()].reduce((x, y) => x + y, 0);
        let acc = 0;
        return [s, [...next].map(([to, c]) => [to, (acc += c / total)] as const)];
      }),
    );
    const maxSteps = Math.max(...rows.map((r) => r.path.length)) + 1;
    const rng = createRng(1234567);
    const visits = new Map<string, number>();
    let conversions = 0;
    for (let walk = 0; walk < 1_000_000; walk++) {
      const seen = new Set<string>();
      let state = '(start)';
      for (let step = 0; step < maxSteps; step++) {
        const u = rng.next();
        const next = cumulative.get(state) ?? [];
        state = (next.find(([, c]) => u < c) ?? next[next.length - 1])?.[0] ?? '(null)';
        if (state === '(conversion)' || state === '(null)') break;
        seen.add(state);
      }
      if (state !== '(conversion)') continue;
      conversions++;
      for (const c of seen) visits.set(c, (visits.get(c) ?? 0) + 1);
    }
    const r = attribute(parsePathTable(text), 'markov');
    const simulatedSum = [...visits.values()].reduce((x, y) => x + y, 0);
    const lines: string[] = [];
    for (const c of r.channels) {
      const hat = (visits.get(c.channel) ?? 0) / conversions;
      const se = Math.sqrt(Math.max(hat * (1 - hat), 1 / conversions) / conversions);
      const exact = c.removalEffect ?? Number.NaN;
      assert.ok(Math.abs(exact - hat) <= 5 * se, `${c.channel}: exact ${exact}, simulated ${hat} ± ${se}`);
      lines.push(
        `${c.channel} exact ${c.conversions.toFixed(1)} simulated ${((19785 * (visits.get(c.channel) ?? 0)) / simulatedSum).toFixed(1)}`,
      );
    }
    t.diagnostic(lines.join('; '));
  },
);

test(
  'all models on the 10,000 paths within a generous 5 s bound (the time is printed)',
  { skip: missing },
  (t) => {
    const paths = parsePathTable(text);
    attributeAll(paths);
    const started = performance.now();
    const all = attributeAll(paths, { order: 3 });
    const ms = performance.now() - started;
    t.diagnostic(`attributeAll, Markov order 3: ${ms.toFixed(0)} ms`);
    assert.equal(all.rows.length, 12);
    assert.ok(ms < 5000, `${ms} ms`);
  },
);
