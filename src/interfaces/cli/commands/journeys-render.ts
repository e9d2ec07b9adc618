// Terminal rendering of journey maps, paths, attribution tables and nurturing scenarios (plain text, fixed-width columns).
import { STAGES } from '../../../contract/entities.js';
import type { AttributionModel } from '../../../analysis/attribution/attribute.js';
import type { JourneyMap, PathKind } from '../../../analysis/journeys/journey-types.js';
import type { Scenario } from '../../../analysis/nurturing/scenario.js';
import { table } from '../output.js';

const COL = 16;
const LABEL = 17;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const words = (s: string): string => s.replace(/_/g, ' ');

export function hours(h: number | null): string {
  if (h === null) return '—';
  if (h < 48) return `${h.toFixed(h < 10 ? 1 : 0)} h`;
  const days = h / 24;
  return `${days.toFixed(days < 10 ? 1 : 0)} days`;
}

/** Wraps `text` into lines of at most `width` characters (long words are cut). */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    const word = w.length > width ? `${w.slice(0, width - 1)}…` : w;
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${(kept[maxLines - 1] as string).slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}

/** One row per label; each cell may span several lines. */
function grid(rows: [string, string[][]][]): string {
  const out: string[] = [];
  for (const [label, cells] of rows) {
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let i = 0; i < height; i++)
      out.push(((i === 0 ? label : '').padEnd(LABEL) + cells.map((c) => (c[i] ?? '').padEnd(COL)).join('')).trimEnd());
  }
  return out.join('\n');
}

export function renderJourney(map: JourneyMap, title: string, header: string): string {
  const f = map.funnel;
  const tp = (i: number): JourneyMap['touchpoints'][number] | undefined => map.touchpoints[i];
  const em = (i: number): JourneyMap['emotions'][number] | undefined => map.emotions[i];
  const drop = (i: number): JourneyMap['dropoff'][number] | undefined => map.dropoff[i];
  const cells = (fn: (i: number) => string[]): string[][] => STAGES.map((_, i) => fn(i));
  const one = (fn: (i: number) => string): string[][] => cells((i) => [fn(i)]);
  const rows: [string, string[][]][] = [
    ['', one((i) => STAGES[i] as string)],
    ['customers', one((i) => (i === 0 ? int(f[i]?.customers ?? 0) : `${int(f[i]?.customers ?? 0)} (${pct(f[i]?.conversion)})`))],
    ['median time', one((i) => (i === 0 ? '—' : hours(f[i]?.median_hours ?? null)))],
    ['p90 time', one((i) => (i === 0 ? '—' : hours(f[i]?.p90_hours ?? null)))],
    ['top channels', cells((i) => (tp(i)?.channels ?? []).slice(0, 2).map((c) => `${words(c.key)} ${pct(c.share)}`.slice(0, COL - 1)))],
    ['top content', cells((i) => (tp(i)?.content_types ?? []).slice(0, 2).map((c) => `${words(c.key)} ${pct(c.share)}`.slice(0, COL - 1)))],
    ['stop here', one((i) => (i < 4 ? `${int(drop(i)?.stopped ?? 0)} (${pct(drop(i)?.share)})` : '—'))],
    ['last touch', cells((i) => (i < 4 ? (drop(i)?.last_touches.channel ?? []).slice(0, 1).map((c) => `${words(c.key)} ${pct(c.share)}`.slice(0, COL - 1)) : ['—']))],
    ['emotion', one((i) => {
      const e = em(i);
      if (!e || e.sentiment === null) return e?.suppressed ? 'too few' : '—';
      return `${e.sentiment >= 0 ? '+' : '−'}${Math.abs(e.sentiment).toFixed(2)}`;
    })],
    ['thought', cells((i) => {
      const q = em(i)?.thought;
      return q ? wrap(`"${q.text}"`, COL - 2, 4) : ['—'];
    })],
    ['pain point', cells((i) => {
      const p = em(i)?.pain_points[0];
      return p ? wrap(`${p.theme} (${p.customers})`, COL - 2, 2) : ['—'];
    })],
  ];
  const out = [`${title.padEnd(50)} ${header}`, '', grid(rows)];
  if (map.opportunities.length) {
    out.push('', 'Opportunities');
    for (const o of map.opportunities) out.push(`  ${o.stage.padEnd(14)} ${o.text}`);
  }
  const stagePaths = map.paths.find((p) => p.kind === 'stage');
  if (stagePaths?.top.length) {
    out.push('', 'Most common stage paths');
    for (const p of stagePaths.top.slice(0, 5)) out.push(`  ${pct(p.share).padStart(4)}  ${p.steps.join(' > ')}${p.truncated ? ' > …' : ''}`);
  }
  if (map.loops.length) out.push('', `Back-and-forth: ${map.loops.slice(0, 3).map((l) => `${l.pattern.join(' > ')} (${pct(l.share)})`).join('; ')}`);
  const a = map.attribution;
  if (a.channels.length) {
    const top = [...a.channels].sort((x, y) => y.conversions.markov - x.conversions.markov).slice(0, 4);
    out.push('', `Decisions by channel (Markov): ${top.map((c) => `${words(c.channel)} ${pct(a.conversions ? c.conversions.markov / a.conversions : 0)}`).join(', ')}`);
  }
  out.push('', sampleNote(map));
  return out.join('\n') + '\n';
}

export function sampleNote(map: JourneyMap): string {
  const s = map.sample;
  const seq = s.exact ? 'every customer' : `a hash sample of ${int(s.customers)} of ${int(s.of)} customers (counts scaled up)`;
  return `Funnel, times and drop-off counts: every customer. Touchpoints, paths, last touches, progression and attribution: ${seq}.`;
}

export function renderPaths(map: JourneyMap, kind: PathKind, top: number): string {
  const s = map.paths.find((p) => p.kind === kind);
  if (!s || s.top.length === 0)
    return `No ${kind} path is shared by enough customers to show (the privacy minimum applies to each path).\n${sampleNote(map)}\n`;
  const rows = s.top.slice(0, top).map((p, i) => [String(i + 1), int(p.customers), pct(p.share), `${p.steps.map(words).join(' > ')}${p.truncated ? ' > …' : ''}`]);
  const out = [table(rows, ['#', 'customers', 'share', `${kind} path (repeats collapsed)`])];
  if (kind === 'stage' && map.loops.length) {
    out.push('', 'Back-and-forth loops');
    out.push(table(map.loops.slice(0, 10).map((l) => [l.pattern.join(' > '), int(l.customers), pct(l.share)]), ['pattern', 'customers', 'share']));
  }
  out.push('', `Sankey data: ${s.sankey.nodes.length} nodes, ${s.sankey.links.length} links (--json).`, sampleNote(map));
  return out.join('\n') + '\n';
}

const MODELS: AttributionModel[] = ['first', 'last', 'linear', 'time_decay', 'position', 'markov'];

export function renderAttribution(map: JourneyMap, model: AttributionModel | null, order: 1 | 2 | 3): string {
  const a = map.attribution;
  if (a.channels.length === 0) return 'No channel paths to attribute.\n';
  const markov = (c: (typeof a.channels)[number]): number => c.markov_by_order[order - 1];
  const head = `${int(a.conversions)} decisions from ${int(a.journeys)} journeys (${int(a.distinct_paths)} distinct channel paths)`;
  if (model === null) {
    const rows = a.channels.map((c) => [words(c.channel), ...MODELS.slice(0, 5).map((m) => int(c.conversions[m])), int(markov(c)), c.removal_effect_by_order[order - 1].toFixed(2)]);
    return `${head}\n\n${table(rows, ['channel', 'first touch', 'last touch', 'linear', 'time decay', 'position', `markov (order ${order})`, 'removal effect'])}\n\n${sampleNote(map)}\n`;
  }
  const credit = (c: (typeof a.channels)[number]): number => (model === 'markov' ? markov(c) : c.conversions[model]);
  const rows = [...a.channels].sort((x, y) => credit(y) - credit(x)).map((c) => {
    const r = [words(c.channel), int(credit(c)), pct(a.conversions ? credit(c) / a.conversions : 0), int(c.value[model])];
    return model === 'markov' ? [...r, c.removal_effect_by_order[order - 1].toFixed(2)] : r;
  });
  const cols = ['channel', 'decisions', 'share', 'value', ...(model === 'markov' ? ['removal effect'] : [])];
  return `${head} · ${words(model)}${model === 'markov' ? ` (order ${order})` : ''}\n\n${table(rows, cols)}\n\n${sampleNote(map)}\n`;
}

export function renderScenario(s: Scenario, title: string): string {
  const out = [`${title} · nurturing scenario (${pct(s.curated_share)} curated / ${pct(1 - s.curated_share)} own content)`, ''];
  for (const st of s.steps) {
    const start = st.when.start_after_hours > 0 ? `from ≈ ${hours(st.when.start_after_hours)} after the first touch` : 'from the first touch';
    out.push(`${st.stage} → ${st.next}: ${pct(st.rate)} move on · ${start} · median ${hours(st.when.median_hours)} to move on · ${st.how_often.touches} touch(es), every ${hours(st.how_often.every_hours)}`);
    for (const r of st.send) out.push(`    send ${words(r.content_type)} via ${words(r.channel)}: lift ${r.lift === null ? '—' : r.lift.toFixed(2)}× (${int(r.customers)} customers)`);
    if (st.send.length === 0) out.push('    no channel × content type with enough customers');
  }
  out.push('', table(s.plan.map((i) => [String(i.index), hours(i.offset_hours), i.stage, words(i.channel), words(i.content_type), i.source]), ['#', 'after', 'stage', 'channel', 'content', 'source']));
  return out.join('\n') + '\n';
}
