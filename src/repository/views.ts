// Team views over one persona: which fields each team sees, in what order, with its notes — defaults for cx, content, ux and sales, configurable in archetype.yaml.
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { VIEWS } from '../analysis/personas/persona-types.js';
import { problem } from '../shared/problems.js';

/** Not persona fields but sections a view can list: the persona's journey map, interviews done, questions to ask (from the interview guide). */
export const VIEW_SECTIONS = ['journey', 'interviews', 'questions_to_ask'] as const;

export interface ResolvedView {
  name: string;
  label: string;
  fields: string[];
  notes: string[];
  field_notes: Record<string, string>;
}

const DEFAULTS: Record<string, Omit<ResolvedView, 'name' | 'field_notes'>> = {
  cx: {
    label: 'Customer experience',
    fields: [...VIEWS.cx, 'journey', 'interviews'],
    notes: ['Goals, problems and expectations along the journey: read pain points and support load first.'],
  },
  content: {
    label: 'Content marketing',
    fields: ['themes', ...VIEWS.content, 'interviews'],
    notes: ['Topics (themes), content types and channels that reach this persona, and the questions it asks.'],
  },
  ux: {
    label: 'UX',
    fields: [...VIEWS.ux, 'interviews'],
    notes: ['Tasks (goals), frictions (pain points) and devices where the data shows them (orders via app / web under Buys).'],
  },
  sales: {
    label: 'Sales',
    fields: [...VIEWS.sales, 'questions_to_ask', 'interviews'],
    notes: ['Qualification criteria (buying criteria, value), triggers, objections and questions to ask.'],
  },
};

export function resolveViews(config: WorkspaceConfig): Record<string, ResolvedView> {
  const out: Record<string, ResolvedView> = {};
  for (const [name, d] of Object.entries(DEFAULTS)) out[name] = { name, ...d, field_notes: {} };
  for (const [name, v] of Object.entries(config.views)) {
    const base = out[name];
    out[name] = {
      name,
      label: v.label ?? base?.label ?? name,
      fields: v.fields ?? base?.fields ?? [],
      notes: v.notes.length ? v.notes : (base?.notes ?? []),
      field_notes: v.field_notes,
    };
  }
  return out;
}

export function resolveView(config: WorkspaceConfig, name: string): ResolvedView {
  const views = resolveViews(config);
  const v = views[name];
  if (!v) throw problem('usage/invalid', { message: `unknown view "${name}" (views: ${Object.keys(views).join(', ')}; add one under views: in archetype.yaml)` });
  return v;
}
