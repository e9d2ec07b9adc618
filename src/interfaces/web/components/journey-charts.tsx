// Journey charts: the funnel, a Sankey of real paths, and channel attribution by model — ECharts, each with its numbers on request.
import { useState } from 'react';
import type { JourneyMap } from '../api-types.js';
import { Chart } from './chart.js';
import { int, label, pct } from '../format.js';

export function FunnelChart({ map }: { map: JourneyMap }) {
  const data = map.funnel.map((f) => ({ name: label(f.stage), value: f.customers }));
  return (
    <Chart
      height={260}
      label={`Funnel: ${map.funnel.map((f) => `${f.stage} ${int(f.customers)}`).join(', ')}`}
      option={{
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 8, bottom: 8, minSize: '8%', gap: 2,
            label: { show: true, position: 'inside', color: '#fff', formatter: (x: { name: string; value: number }) => `${x.name}: ${int(x.value)}` },
            data,
          },
        ],
      }}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Customers</th>
              <th scope="col">From previous</th>
            </tr>
          </thead>
          <tbody>
            {map.funnel.map((f) => (
              <tr key={f.stage}>
                <td>{label(f.stage)}</td>
                <td>{int(f.customers)}</td>
                <td>{pct(f.conversion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function PathsSankey({ map }: { map: JourneyMap }) {
  const kinds = map.paths.filter((p) => p.sankey.links.length > 0);
  const [kind, setKind] = useState(kinds[0]?.kind ?? 'stage');
  const p = kinds.find((x) => x.kind === kind) ?? kinds[0];
  if (!p) return <p className="muted">No paths to show.</p>;
  const labels = new Map(p.sankey.nodes.map((n) => [n.id, `${label(n.label)}`]));
  return (
    <>
      {kinds.length > 1 ? (
        <fieldset className="segmented">
          <legend>Steps</legend>
          {kinds.map((k) => (
            <label key={k.kind}>
              <input type="radio" name="sankey-kind" value={k.kind} checked={k.kind === p.kind} onChange={() => setKind(k.kind)} /> {k.kind === 'stage' ? 'stages' : k.kind === 'channel' ? 'channels' : 'events'}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Chart
        height={Math.min(560, Math.max(300, p.sankey.nodes.length * 14))}
        label={`Sankey of ${p.customers} customers' real ${p.kind} paths; most common: ${p.top.slice(0, 3).map((t) => `${t.steps.join(' > ')} (${pct(t.share)})`).join('; ')}`}
        option={{
          tooltip: { trigger: 'item' },
          series: [
            {
              type: 'sankey', left: 8, right: 110, top: 8, bottom: 8, nodeGap: 6, nodeAlign: 'left', draggable: false, emphasis: { focus: 'adjacency' },
              data: p.sankey.nodes.map((n) => ({ name: n.id })),
              links: p.sankey.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
              label: { formatter: (x: { name: string }) => labels.get(x.name) ?? x.name, fontSize: 11 },
              lineStyle: { color: 'gradient', opacity: 0.35 },
            },
          ],
        }}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Customers</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {p.top.slice(0, 15).map((t) => (
                <tr key={t.steps.join('>')}>
                  <td>
                    {t.steps.map(label).join(' › ')}
                    {t.truncated ? ' › …' : ''}
                  </td>
                  <td>{int(t.customers)}</td>
                  <td>{pct(t.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  );
}

const MODELS = ['first', 'last', 'linear', 'time_decay', 'position', 'markov'] as const;

export function AttributionChart({ map }: { map: JourneyMap }) {
  const a = map.attribution;
  const channels = [...a.channels].sort((x, y) => y.conversions.markov - x.conversions.markov).slice(0, 10);
  if (!channels.length) return <p className="muted">No decisions to attribute.</p>;
  return (
    <Chart
      height={Math.max(260, channels.length * 42)}
      label={`Decisions credited to channels (Markov): ${channels.map((c) => `${label(c.channel)} ${a.conversions ? pct(c.conversions.markov / a.conversions) : '—'}`).join(', ')}`}
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, data: MODELS.map(label) },
        grid: { left: 8, right: 16, top: 48, bottom: 30, containLabel: true },
        xAxis: { type: 'value', name: 'decisions credited', nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'category', data: channels.map((c) => label(c.channel)).reverse() },
        series: MODELS.map((m) => ({ type: 'bar', name: label(m), data: channels.map((c) => Math.round(c.conversions[m] * 10) / 10).reverse() })),
      }}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              {MODELS.map((m) => (
                <th key={m} scope="col">
                  {label(m)}
                </th>
              ))}
              <th scope="col">Removal effect</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.channel}>
                <td>{label(c.channel)}</td>
                {MODELS.map((m) => (
                  <td key={m}>{int(c.conversions[m])}</td>
                ))}
                <td>{c.removal_effect_by_order[0].toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
