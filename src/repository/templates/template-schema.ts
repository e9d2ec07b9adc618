// Persona templates: zod schema, the shipped defaults, and loading `templates/*.yaml` from a workspace.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { problem } from '../../shared/problems.js';

const fieldName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name is snake_case (letters, digits, _)');

export const TemplateSchema = z
  .strictObject({
    name: fieldName,
    description: z.string().min(1),
    kind: z.enum(['b2c', 'b2b_buyer', 'b2b_company', 'negative']).default('b2c'),
    fields: z
      .array(z.strictObject({
        name: fieldName, label: z.string().min(1), question: z.string().min(1).optional(),
        /** the data-driven persona field that answers this one (problems → pain_points …) when the name differs */
        data_field: fieldName.optional(),
      }))
      .min(1),
    /** per team view (cx, content, ux, sales or one of archetype.yaml), the template's fields it shows, in order */
    views: z.record(z.string(), z.array(fieldName)).optional(),
  })
  .superRefine((t, ctx) => {
    const names = new Set(t.fields.map((x) => x.name));
    for (const [view, fields] of Object.entries(t.views ?? {})) {
      fields.forEach((name, i) => {
        if (!names.has(name)) ctx.addIssue({ code: 'custom', path: ['views', view, i], message: `"${name}" is not one of the template's fields (${[...names].join(', ')})` });
      });
    }
  });
export type PersonaTemplate = z.infer<typeof TemplateSchema>;

const f = (name: string, label: string, question?: string) => ({ name, label, ...(question !== undefined ? { question } : {}) });
const BASIC = [
  f('role', 'Role', 'What is your role, and what does a normal week look like?'),
  f('goals', 'Goals', 'What are you trying to achieve, and how do you know you got there?'),
  f('problems', 'Problems', 'What gets in the way today?'),
  f('questions', 'Questions', 'What did you need to know before buying?'),
  f('channels', 'Channels', 'How did you first hear about us, and where did you get informed?'),
];
const DETAILED = [
  ...BASIC,
  f('typical_day', 'Typical day', 'Walk me through yesterday.'),
  f('competences', 'Competences'),
  f('tools_used', 'Tools used', 'Which tools do you use for this today?'),
  f('buying_triggers', 'Buying triggers', 'What started your purchase reflection?'),
  f('information_sources', 'Information sources', 'How did you get informed before deciding?'),
  f('objections', 'Objections', 'What almost stopped you from buying?'),
  f('values', 'Values', 'What made you decide for us?'),
];

const views = (cx: string[], content: string[], ux: string[], sales: string[]) => ({ cx, content, ux, sales });
const BASIC_VIEWS = views(['problems', 'questions', 'goals', 'channels'], ['questions', 'goals', 'channels'], ['goals', 'problems', 'questions', 'role'], ['role', 'problems', 'goals', 'questions']);
const DETAILED_VIEWS = views(
  ['problems', 'objections', 'questions', 'goals', 'channels', 'typical_day'],
  ['information_sources', 'questions', 'goals', 'channels', 'values'],
  ['goals', 'problems', 'typical_day', 'tools_used', 'competences', 'questions'],
  ['buying_triggers', 'objections', 'values', 'role', 'problems', 'questions'],
);

/** The templates shipped with Archetype; written into `templates/` on first use so teams can edit them. */
export const DEFAULT_TEMPLATES: PersonaTemplate[] = [
  { name: 'basic', description: 'Role, goals, problems, questions, channels', kind: 'b2c', fields: BASIC, views: BASIC_VIEWS },
  { name: 'detailed', description: 'Basic plus typical day, competences, tools, triggers, sources, objections, values', kind: 'b2c', fields: DETAILED, views: DETAILED_VIEWS },
  {
    name: 'b2b_buyer', description: 'A person buying for a company', kind: 'b2b_buyer',
    fields: [...DETAILED, f('decision_role', 'Role in the decision', 'Who else took part in the decision?'), f('budget', 'Budget', 'Who owns the budget?')],
    views: { ...DETAILED_VIEWS, sales: ['decision_role', 'budget', ...DETAILED_VIEWS.sales] },
  },
  {
    name: 'b2b_company', description: 'The company as a customer', kind: 'b2b_company',
    fields: [f('industry', 'Industry'), f('company_size', 'Company size'), f('buying_committee', 'Buying committee', 'Who was involved in the purchase?'), f('problems', 'Problems'), f('buying_triggers', 'Buying triggers', 'What started the purchase?'), f('objections', 'Objections')],
    views: views(['problems', 'buying_committee', 'objections'], ['industry', 'problems', 'buying_triggers'], ['problems', 'buying_committee'], ['company_size', 'industry', 'buying_committee', 'buying_triggers', 'objections']),
  },
  {
    name: 'negative', description: 'Who we do not pursue, and why', kind: 'negative',
    fields: [f('role', 'Role'), f('why_not', 'Why we do not pursue them'), f('signals', 'How to recognise them'), f('cost', 'What they cost us')],
    views: views(['why_not', 'cost'], ['signals'], ['signals', 'role'], ['signals', 'why_not', 'cost']),
  },
];

/** A template's file name: `b2b_buyer` is offered as `b2b-buyer` too. */
export const templateKey = (name: string): string => name.replace(/-/g, '_');

export function parseTemplate(file: string, text: string): PersonaTemplate {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (e) {
    throw problem('workspace/invalid-config', { file, message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}` });
  }
  const r = TemplateSchema.safeParse(raw);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `field "${i.path.join('.') || '(top)'}": ${i.message}`).join('; ');
    throw problem('workspace/invalid-config', { file, message: msg });
  }
  return r.data;
}

/** Writes the shipped defaults that are missing, then loads and validates every template in `templates/`. */
export function loadTemplates(workspaceDir: string): PersonaTemplate[] {
  const dir = join(workspaceDir, 'templates');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  for (const t of DEFAULT_TEMPLATES) {
    const file = join(dir, `${t.name.replace(/_/g, '-')}.yaml`);
    if (!existsSync(file)) writeFileSync(file, `# Archetype persona template (edit freely; see docs/templates.md)\n${YAML.stringify(t)}`);
  }
  return readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => parsedTemplate(join(dir, n)));
}

/** Parsed template files by path, with the file's identity when read: the server reads templates on every persona view. */
const parsed = new Map<string, { stamp: string; template: PersonaTemplate }>();

/** A template file parsed (again only when the file changed); a copy, so no caller changes the kept one. */
function parsedTemplate(file: string): PersonaTemplate {
  const st = statSync(file);
  const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  const hit = parsed.get(file);
  if (hit?.stamp === stamp) return structuredClone(hit.template);
  const template = parseTemplate(file, readFileSync(file, 'utf8'));
  if (parsed.size >= 512) parsed.delete(parsed.keys().next().value as string);
  parsed.set(file, { stamp, template: structuredClone(template) });
  return template;
}

/** A template's view lists: its own, else (a file written before templates had views) the shipped template of that name's. */
export function templateViews(t: PersonaTemplate): Record<string, string[]> {
  return t.views ?? DEFAULT_TEMPLATES.find((d) => d.name === t.name)?.views ?? {};
}

export function findTemplate(templates: PersonaTemplate[], name: string): PersonaTemplate {
  const t = templates.find((x) => x.name === templateKey(name));
  if (!t) throw problem('usage/invalid', { message: `no template "${name}" (templates: ${templates.map((x) => x.name).join(', ')})` });
  return t;
}
