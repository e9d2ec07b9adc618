// Personas after the separation blend, with their sampling tables built once per run.
import { CONTENT_TYPES, STAGES } from '../contract/entities.js';
import type { Stage } from '../contract/entities.js';
import type { CompanySpec, PersonaSpec, Weights } from './persona-spec.js';
import { applySeparation } from './persona-spec.js';
import { table } from './weights.js';
import type { Table } from './weights.js';

/** Content types that make sense at each stage; a persona's content mix is drawn within them. */
export const STAGE_CONTENT: Readonly<Record<Stage, readonly string[]>> = {
  awareness: ['article', 'video', 'photo', 'infographic', 'webinar'],
  consideration: [...CONTENT_TYPES],
  decision: ['demo', 'pricing', 'case_study', 'video', 'photo'],
  retention: ['article', 'video', 'webinar', 'photo', 'infographic'],
  advocacy: ['photo', 'video', 'article', 'case_study'],
};

export interface Prepared {
  readonly spec: PersonaSpec;
  readonly index: number;
  readonly gender: Table;
  readonly countries: Table;
  readonly acquisition: Table;
  readonly extraCategory: Table;
  readonly jobTitles: Table;
  readonly roles: Table;
  readonly industries: Table;
  readonly companySizes: Table;
  readonly ticketCategories: Table;
  /** per stage index */
  readonly channels: readonly Table[];
  readonly content: readonly Table[];
}

function only(w: Weights, keys: readonly string[]): Weights {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = w[k] ?? 0;
  return out;
}

export function prepare(company: CompanySpec, separation: number): Prepared[] {
  return applySeparation(company.personas, separation).map((spec, index) => ({
    spec,
    index,
    gender: table(spec.gender),
    countries: table(spec.countries),
    acquisition: table(spec.acquisition),
    extraCategory: table(spec.extraCategory),
    jobTitles: table(spec.jobTitles),
    roles: table(spec.roles),
    industries: table(spec.industries),
    companySizes: table(spec.companySizes),
    ticketCategories: table(spec.ticketCategories),
    channels: STAGES.map((s) => table(spec.channels[s])),
    content: STAGES.map((s) => table(only(spec.contentTypes, STAGE_CONTENT[s]))),
  }));
}

/** Cumulative persona shares, for drawing a persona with one uniform number. */
export function shareTable(personas: readonly Prepared[]): Table {
  const w: Record<string, number> = {};
  for (const p of personas) w[p.spec.key] = p.spec.share;
  return table(w);
}
