// `archetype journey | paths | attribution | scenario`: the journey maps stored with a persona-set version.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { Engine } from '../../../engine/engine.js';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../../analysis/attribution/attribution-result.js';
import { ALL_GROUP, type JourneyMap, type JourneySet, type PathKind } from '../../../analysis/journeys/journey-types.js';
import { buildScenario } from '../../../analysis/nurturing/scenario.js';
import { scenarioToIcs } from '../../../analysis/nurturing/ics.js';
import { loadJourneys, loadVersion, type VersionRecord } from '../../../repository/version-store.js';
import { problem } from '../../../shared/problems.js';
import { withWorkspace } from '../context.js';
import { printJson, type GlobalOptions } from '../output.js';
import { renderAttribution, renderJourney, renderPaths, renderScenario } from './journeys-render.js';

interface Resolved {
  version: VersionRecord;
  set: JourneySet;
  map: JourneyMap;
  name: string;
}

function versionOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw problem('usage/invalid', { message: '--version must be an integer ≥ 1' });
  return n;
}

/** The map of a persona (id or name) or of all customers, in the given version (default: published, else latest). */
async function resolve(engine: Engine, who: string, version: number | undefined): Promise<Resolved> {
  const v = await loadVersion(engine, version);
  const set = await loadJourneys(engine, v.version);
  if (!set) throw problem('build/no-personas', { message: `persona-set version ${v.version} has no journey maps (it was built before journeys existed): run \`archetype build\`` });
  const known = set.maps.map((m) => m.group);
  const key = who.toLowerCase();
  const persona = v.personas.find((p) => p.id.toLowerCase() === key || p.name.toLowerCase() === key);
  const group = key === ALL_GROUP ? ALL_GROUP : persona?.id;
  const map = set.maps.find((m) => m.group === group);
  if (!map) throw problem('persona/not-found', { id: who, known });
  return { version: v, set, map, name: group === ALL_GROUP ? 'All customers' : `${persona?.name ?? group} (${group})` };
}

const header = (r: Resolved): string =>
  `version ${r.version.version} (${r.version.status}) · ${r.map.customers.toLocaleString('en-US')} customers · window ${r.set.window_days} days`;

function choice<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw problem('usage/invalid', { message: `${name} must be one of ${allowed.join(', ')}` });
  return value as T;
}

function intIn(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw problem('usage/invalid', { message: `${name} must be an integer from ${min} to ${max}` });
  return n;
}

export function registerJourneys(program: Command, globals: () => GlobalOptions): void {
  program
    .command('journey')
    .argument('<persona>', 'persona id (p1 …), name, or "all"')
    .option('--version <n>', 'persona-set version (default: published, else latest)')
    .description('the journey map: funnel, times, touchpoints, drop-off, emotions, opportunities')
    .action(async (who: string, o: { version?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const r = await resolve(ws.engine, who, versionOption(o.version));
        if (!g.json) return void process.stdout.write(renderJourney(r.map, `JOURNEY · ${r.name}`, header(r)));
        const { funnel, paths, ...rest } = r.map;
        printJson({
          version: r.version.version, status: r.version.status, name: r.name, as_of: r.set.as_of,
          funnel: funnel.map((f) => ({ stage: f.stage, customers: f.customers, conversion: f.conversion, median_hours: f.median_hours, p90_hours: f.p90_hours })),
          ...rest,
          paths: paths.map((p) => ({ kind: p.kind, customers: p.customers, top: p.top.slice(0, 5) })),
        });
      });
    });
  program
    .command('paths')
    .argument('<persona>', 'persona id, name, or "all"')
    .option('--top <n>', 'paths to show (1–100)', '20')
    .option('--by <kind>', 'stage | channel | event', 'stage')
    .option('--version <n>', 'persona-set version')
    .description('the most common real paths (repeats collapsed), loops and Sankey data')
    .action(async (who: string, o: { top: string; by: string; version?: string }) => {
      const g = globals();
      const top = intIn(o.top, '--top', 1, 100);
      const kind = choice<PathKind>(o.by, ['stage', 'channel', 'event'], '--by') ?? 'stage';
      await withWorkspace(g, async (ws) => {
        const r = await resolve(ws.engine, who, versionOption(o.version));
        const s = r.map.paths.find((p) => p.kind === kind);
        if (!g.json) return void process.stdout.write(`PATHS · ${r.name} · ${header(r)}\n\n${renderPaths(r.map, kind, top)}`);
        printJson({
          version: r.version.version, group: r.map.group, name: r.name, kind, customers: s?.customers ?? 0, sample: r.map.sample,
          paths: (s?.top ?? []).slice(0, top), sankey: s?.sankey ?? { nodes: [], links: [] }, loops: r.map.loops, back_moves: r.map.back_moves,
        });
      });
    });
  program
    .command('attribution')
    .argument('<persona>', 'persona id, name, or "all"')
    .option('--model <model>', ATTRIBUTION_MODELS.join(' | ') + ' (default: all side by side)')
    .option('--order <n>', 'Markov order 1–3', '1')
    .option('--version <n>', 'persona-set version')
    .description('decisions credited to channels: first, last, linear, time decay, position, Markov removal effects')
    .action(async (who: string, o: { model?: string; order: string; version?: string }) => {
      const g = globals();
      const model = choice<AttributionModel>(o.model, ATTRIBUTION_MODELS, '--model') ?? null;
      const order = intIn(o.order, '--order', 1, 3) as 1 | 2 | 3;
      await withWorkspace(g, async (ws) => {
        const r = await resolve(ws.engine, who, versionOption(o.version));
        const a = r.map.attribution;
        if (!g.json) return void process.stdout.write(`ATTRIBUTION · ${r.name} · ${header(r)}\n\n${renderAttribution(r.map, model, order)}`);
        const credit = (c: (typeof a.channels)[number], m: AttributionModel): number => (m === 'markov' ? c.markov_by_order[order - 1] : c.conversions[m]);
        printJson({
          version: r.version.version, group: r.map.group, name: r.name, model: model ?? 'all', order, journeys: a.journeys, conversions: a.conversions,
          value: a.value, conversion_probability: a.conversion_probability, sample: r.map.sample,
          channels: a.channels.map((c) =>
            model === null
              ? { channel: c.channel, conversions: { ...c.conversions, markov: credit(c, 'markov') }, removal_effect: c.removal_effect_by_order[order - 1] }
              : {
                  channel: c.channel, conversions: credit(c, model), share: a.conversions ? credit(c, model) / a.conversions : 0, value: c.value[model],
                  ...(model === 'markov' ? { removal_effect: c.removal_effect_by_order[order - 1] } : {}),
                }),
        });
      });
    });
  program
    .command('scenario')
    .argument('<persona>', 'persona id, name, or "all"')
    .option('--ics <file>', 'write the content plan as an iCalendar file')
    .option('--curated <share>', 'share of curated content, 0–1', '0.8')
    .option('--version <n>', 'persona-set version')
    .description('nurturing scenario: what to send on which channel per stage, when, how often, and a content plan')
    .action(async (who: string, o: { ics?: string; curated: string; version?: string }) => {
      const g = globals();
      const curated = Number(o.curated);
      if (!(curated >= 0 && curated <= 1)) throw problem('usage/invalid', { message: '--curated must be a number from 0 to 1' });
      await withWorkspace(g, async (ws) => {
        const r = await resolve(ws.engine, who, versionOption(o.version));
        const s = buildScenario(r.map, r.set.as_of, { curatedShare: curated });
        if (o.ics) {
          writeFileSync(o.ics, scenarioToIcs(s, { name: `Archetype · ${r.name} · nurturing`, uidPrefix: `v${r.version.version}-${r.map.group}` }));
          if (g.json) return printJson({ file: o.ics, events: s.plan.length, version: r.version.version, group: r.map.group });
          return void process.stdout.write(`Wrote ${s.plan.length} calendar events to ${o.ics}\n`);
        }
        if (g.json) return printJson({ version: r.version.version, name: r.name, ...s });
        process.stdout.write(renderScenario(s, `SCENARIO · ${r.name}`));
      });
    });
}
