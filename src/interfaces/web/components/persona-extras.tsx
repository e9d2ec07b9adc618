// Beside a persona's fields: the strongest traits as a lift chart, what a negative persona costs with its exclusion rule, and the B2B links.
import type { EChartsCoreOption } from 'echarts/core';
import type { Persona } from '../api-types.js';
import { Chart } from './chart.js';
import { Heading } from './evidence.js';
import { int, lift, pct, value } from '../format.js';
import { Link } from '../router.js';

function traitsOption(p: Persona): EChartsCoreOption | null {
  const traits = p.traits.filter((t) => t.lift !== null && t.lift > 0).slice(0, 8).reverse();
  if (traits.length < 2) return null;
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'log', name: 'lift', nameLocation: 'end', axisLabel: { formatter: '{value}×' }, min: 0.1 },
    yAxis: { type: 'category', data: traits.map((t) => t.label), axisLabel: { width: 180, overflow: 'truncate' } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'bar',
        data: traits.map((t) => ({ value: t.lift, itemStyle: { color: t.direction === 'high' ? '#1f5f8b' : '#c2572b' } })),
        label: { show: true, position: 'right', formatter: (x: { value: number }) => `${x.value.toFixed(1)}×` },
      },
    ],
  };
}

export function TraitsChart({ p, level = 2 }: { p: Persona; level?: 2 | 3 }) {
  const option = traitsOption(p);
  if (!option) return null;
  const traits = p.traits.filter((t) => t.lift !== null && t.lift > 0).slice(0, 8);
  return (
    <section className="traits" aria-labelledby={`traits-${p.id}`}>
      <Heading level={level} id={`traits-${p.id}`}>
        What sets them apart
      </Heading>
      <Chart
        option={option}
        height={Math.max(160, traits.length * 30 + 40)}
        label={`Strongest traits of ${p.name} against all customers: ${traits.map((t) => `${t.label} ${lift(t.lift)}`).join(', ')}`}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Trait</th>
                <th scope="col">Persona</th>
                <th scope="col">All</th>
                <th scope="col">Lift</th>
              </tr>
            </thead>
            <tbody>
              {traits.map((t) => (
                <tr key={t.feature}>
                  <td>{t.label}</td>
                  <td>{value(t.value)}</td>
                  <td>{value(t.all)}</td>
                  <td>{lift(t.lift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

export function Impact({ p, level }: { p: Persona; level: 2 | 3 }) {
  if (!p.impact && !p.exclusion_rule) return null;
  const im = p.impact;
  const rows = im
    ? ([
        ['customers', im.customers],
        ['revenue', im.revenue],
        ['margin', im.margin],
        ['support minutes', im.support_minutes],
        ['refund value', im.refunds],
      ] as const)
    : [];
  return (
    <section className="impact" aria-labelledby={`impact-${p.id}`}>
      <Heading level={level} id={`impact-${p.id}`}>
        What they cost
      </Heading>
      {im ? (
        <Chart
          height={200}
          label={`Shares of ${p.name}: ${rows.map(([k, v]) => `${pct(v)} of ${k}`).join(', ')}`}
          option={{
            grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
            yAxis: { type: 'category', data: rows.map(([k]) => k).reverse() },
            series: [{ type: 'bar', data: rows.map(([, v]) => v).reverse(), itemStyle: { color: '#a3316f' }, label: { show: true, position: 'right', formatter: (x: { value: number }) => pct(x.value) } }],
          }}
        />
      ) : null}
      {p.exclusion_rule ? (
        <p className="exclusion">
          <span className="label">Exclusion rule:</span> <code>{p.exclusion_rule.text}</code> — precision {p.exclusion_rule.precision.toFixed(2)}, recall{' '}
          {p.exclusion_rule.recall.toFixed(2)}
        </p>
      ) : null}
    </section>
  );
}

export function Links({ p, level }: { p: Persona; level: 2 | 3 }) {
  if (!p.links?.length) return null;
  return (
    <section className="links" aria-labelledby={`links-${p.id}`}>
      <Heading level={level} id={`links-${p.id}`}>
        {p.kind === 'account' ? 'Buying committee' : 'Works at'}
      </Heading>
      <ul>
        {p.links.map((l) => (
          <li key={l.persona_id}>
            <Link href={`/personas/${encodeURIComponent(l.persona_id)}`}>{l.name}</Link>: {pct(l.share)} (n={int(l.n)}
            {l.lift !== null ? `, ${lift(l.lift)}` : ''})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The card body; `view` picks and orders the fields, `open` expands every claim's evidence (print). */
