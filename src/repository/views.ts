// Team views over one persona: which fields each team sees, in what order, with its notes — defaults for cx, content, ux and sales, configurable in archetype.yaml.
import type { WorkspaceConfig } from '../contract/workspace-config.js';
import { VIEWS } from '../analysis/personas/persona-types.js';
import { problem } from '../shared/problems.js';
import { loadTemplates, templateViews, type PersonaTemplate } from './templates/template-schema.js';

/** Not persona fields but sections a view can list: the persona's journey map, interviews done, questions to ask (from the interview guide). */
export const VIEW_SECTIONS = ['journey', 'interviews', 'questions_to_ask'] as const;

export interface ResolvedView {
  name: string;
  label: string;
  fields: string[];
  /** the persona template whose view list gave `fields`, when one did */
  template?: string;
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

/** Template field → the data-driven persona field answering it, where the names differ (a template field may say its own `data_field`). */
export const DATA_FIELD_OF: Record<string, string> = {
  problems: 'pain_points', buying_triggers: 'triggers', values: 'motivations', role: 'demographics', tools_used: 'behaviour',
  company_size: 'demographics', industry: 'demographics', buying_committee: 'buying_committee',
};

/** The template of a persona: its own (hand-made), else `persona_templates` of archetype.yaml by id, name or `*`. */
export function templateFor(
  persona: { id: string; name: string; template?: string }, config: WorkspaceConfig, templates: PersonaTemplate[],
): PersonaTemplate | null {
  const map = config.persona_templates;
  const name = persona.template ?? map[persona.id] ?? map[persona.name] ?? map['*'];
  return name === undefined ? null : (templates.find((t) => t.name === name.replace(/-/g, '_')) ?? null);
}

/**
 * A view drawn from a persona's template: the template's field list for that view, each mapped onto the persona's own field
 * (hand-made personas carry template fields; data-driven ones the analysis fields, via `data_field` / DATA_FIELD_OF), then the
 * view's sections (journey, interviews …). Without a template, or one without a list for this view, the view as configured.
 */
export function templateView(view: ResolvedView, template: PersonaTemplate | null, personaFields: readonly string[]): ResolvedView {
  const list = template ? templateViews(template)[view.name] : undefined;
  if (!template || !list) return view;
  const has = new Set(personaFields);
  const keys = list.map((f) => {
    if (has.has(f)) return f;
    const mapped = template.fields.find((x) => x.name === f)?.data_field ?? DATA_FIELD_OF[f];
    return mapped !== undefined && has.has(mapped) ? mapped : f;
  });
  const sections = view.fields.filter((f) => (VIEW_SECTIONS as readonly string[]).includes(f));
  return { ...view, fields: [...new Set([...keys, ...sections])], template: template.name };
}

/** A named view of one persona, drawn from its template when it has one (templates are read from the workspace folder). */
export function personaView(config: WorkspaceConfig, workspaceDir: string, name: string, persona: { id: string; name: string; template?: string; fields: Record<string, unknown> }): ResolvedView {
  return templateView(resolveView(config, name), templateFor(persona, config, loadTemplates(workspaceDir)), Object.keys(persona.fields));
}
