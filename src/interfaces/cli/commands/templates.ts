// `archetype templates | persona new|edit|show|list|review | validate | interview-plan`: hand-made personas from templates, their evidence, checks against the data, and whom to interview.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { problem } from '../../../shared/problems.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { findTemplate, loadTemplates } from '../../../repository/templates/template-schema.js';
import {
  CLAIM_OPS, evidenceCoverage, listHandPersonas, loadHandPersona, parseClaim,
  type ClaimCheck, type ClaimOp, type HandRevision,
} from '../../../repository/templates/handmade-store.js';
import { createHandPersona, editHandClaim, reviewHandPersona, validateOrNull } from '../../../repository/templates/hand-edit.js';
import { pct, validatePersona, type ClaimResult } from '../../../repository/templates/validate-claims.js';
import { interviewPlan, renderPlanMarkdown } from '../../../repository/templates/interview-plan.js';
import { saveHandVersion } from '../../../repository/templates/hand-version.js';
import { personaView } from '../../../repository/views.js';
import { withWorkspace } from '../context.js';
import { printJson, table, type GlobalOptions } from '../output.js';
import { actor, intArg } from './governance.js';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
const BY = 'who, for the audit log (default: ARCHETYPE_USER, else the login name)';

function renderCard(h: HandRevision, results: ClaimResult[] | null, view?: { name: string; fields: string[] }): string {
  const p = h.persona, cov = evidenceCoverage(p);
  const lines = [`${p.id} · ${p.name}  (hand-made, template ${p.template}, revision ${h.revision}, ${h.status})`];
  if (p.segment !== undefined) lines.push(`Segment: ${p.segment}`);
  lines.push(`Evidence coverage: ${cov.evidenced}/${cov.claims} claims evidenced (${pct(cov.share)}) by ${cov.customers} distinct customer${cov.customers === 1 ? '' : 's'}; ${cov.fields_evidenced}/${cov.fields} fields evidenced (${pct(cov.field_share)})`);
  const flagged = results?.filter((r) => r.verdict === 'contradicted').length ?? 0;
  if (flagged) lines.push(`⚠ ${flagged} claim${flagged === 1 ? '' : 's'} contradicted by the data (archetype validate ${p.id})`);
  if (view) lines.push(`view: ${view.name} (${view.fields.filter((f) => f in p.fields).join(', ')})`);
  const keys = view ? view.fields.filter((f) => f in p.fields) : Object.keys(p.fields);
  for (const field of keys) {
    const claims = p.fields[field] ?? [];
    lines.push('', `${field}:`);
    if (!claims.length) lines.push('  (empty)');
    claims.forEach((c, i) => {
      const r = results?.find((x) => x.field === field && x.text === c.text);
      const tag = c.evidence.length ? `evidenced: ${c.evidence.length} quote${c.evidence.length === 1 ? '' : 's'}` : 'assumption';
      const check = r && r.verdict !== 'untested' ? ` · ${r.verdict === 'contradicted' ? '⚠ ' : ''}${r.verdict}: ${r.reason}` : '';
      lines.push(`  ${i + 1}. ${c.text}  [${tag}]${check}`);
      for (const e of c.evidence) lines.push(`       “${e.quote.slice(0, 100)}” — ${e.source}:${e.feedback_id}${e.customer_id ? ` (${e.customer_id})` : ''}`);
    });
  }
  return lines.join('\n') + '\n';
}

function structuredCheck(o: { claim?: string; checkField?: string; op?: string; value?: string }): ClaimCheck | undefined {
  if (o.claim !== undefined) return parseClaim(o.claim);
  if (o.checkField === undefined && o.op === undefined && o.value === undefined) return undefined;
  if (o.checkField === undefined || o.op === undefined || o.value === undefined) throw problem('usage/invalid', { message: '--check-field, --op and --value go together' });
  if (!(CLAIM_OPS as readonly string[]).includes(o.op)) throw problem('usage/invalid', { message: `--op ${o.op}: expected ${CLAIM_OPS.join(', ')}` });
  return { field: o.checkField, op: o.op as ClaimOp, value: o.value.split(',').map((v) => v.trim()).filter(Boolean) };
}

export function registerTemplates(program: Command, globals: () => GlobalOptions): void {
  program
    .command('templates')
    .description('persona templates in templates/ (shipped defaults are written there on first use)')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const ts = loadTemplates(ws.dir);
        if (g.json) return printJson({ templates: ts });
        process.stdout.write(table(ts.map((t) => [t.name.replace(/_/g, '-'), t.kind, t.description, t.fields.map((f) => f.name).join(', ')]), ['template', 'kind', 'description', 'fields']) + '\n');
      });
    });

  const persona = program.command('persona').description('hand-made personas: new, edit, show, list, review');
  persona
    .command('new')
    .requiredOption('--template <name>', 'template (archetype templates)')
    .requiredOption('--name <name>', 'persona name')
    .option('--segment <persona>', 'data-driven persona (p1 …) whose members validate and interview this one')
    .option('--by <name>', BY)
    .option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output')
    .action(async (o: { template: string; name: string; segment?: string; by?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const t = findTemplate(loadTemplates(ws.dir), o.template);
        const h = await createHandPersona(ws.engine, t, o.name.trim(), { clock: clockFromEnv(), by: actor(o.by), segment: o.segment });
        if (g.json) return printJson(h);
        process.stdout.write(`Created ${h.persona.id} · ${h.persona.name} (template ${t.name}, draft). Fields: ${t.fields.map((f) => f.name).join(', ')}\n`);
      });
    });
  persona
    .command('edit')
    .argument('<persona>', 'hand-made persona id (h1 …) or name')
    .requiredOption('--field <field>', 'template field (goals, problems …)')
    .option('--add <text>', 'a new claim (an assumption until evidence is attached)')
    .option('--item <n>', 'without --add: the claim (1-based) the evidence or check goes onto')
    .option('--evidence <source:feedback_id>', 'a quote from feedback (interview, survey, sales_note); repeatable', collect)
    .option('--claim <check>', "structured form: 'company_size in [51-200]', 'channel = webinar', 'theme contains price'")
    .option('--check-field <field>', 'structured form, field').option('--op <op>', '=, in, contains').option('--value <v>', 'value(s), comma-separated')
    .option('--by <name>', BY)
    .option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output')
    .action(async (id: string, o: { field: string; add?: string; item?: string; evidence?: string[]; claim?: string; checkField?: string; op?: string; value?: string; by?: string }) => {
      const g = globals();
      const check = structuredCheck(o);
      await withWorkspace(g, async (ws) => {
        const item = o.add === undefined ? intArg(o.item, '--item') : undefined;
        const { saved, claim } = await editHandClaim(ws.engine, id, {
          field: o.field, ...(o.add !== undefined ? { add: o.add } : {}), ...(item !== undefined ? { item } : {}), evidence: o.evidence ?? [], ...(check ? { check } : {}),
        }, { clock: clockFromEnv(), by: actor(o.by) });
        if (!claim) return;
        if (g.json) return printJson(saved);
        process.stdout.write(`${saved.persona.id}.${o.field}: “${claim.text}” ${claim.evidence.length ? `evidenced by ${claim.evidence.length} quote(s)` : 'assumption'}${claim.check ? ` · check ${claim.check.field} ${claim.check.op} ${claim.check.value.join(', ')}` : ''} (revision ${saved.revision})\n`);
      });
    });
  persona
    .command('show')
    .argument('<persona>', 'hand-made persona id or name')
    .option('--view <view>', "a team view (cx, content, ux, sales …): the template's fields for it")
    .option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output')
    .action(async (id: string, o: { view?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const h = await loadHandPersona(ws.engine, id);
        const view = o.view !== undefined ? personaView(ws.config, ws.dir, o.view, h.persona) : undefined;
        const results = await validateOrNull(ws.engine, h.persona, ws.config.privacy.minimum_group_size);
        if (g.json) return printJson({ ...h, coverage: evidenceCoverage(h.persona), validation: results, ...(view ? { view } : {}) });
        process.stdout.write(renderCard(h, results, view));
      });
    });
  persona
    .command('list')
    .option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const all = await listHandPersonas(ws.engine);
        if (g.json) return printJson({ personas: all.map((h) => ({ ...h, coverage: evidenceCoverage(h.persona) })) });
        if (!all.length) return void process.stdout.write('No hand-made personas yet: archetype persona new --template basic --name "…"\n');
        process.stdout.write(table(all.map((h) => { const c = evidenceCoverage(h.persona); return [h.persona.id, h.persona.name, h.persona.template, h.status, `r${h.revision}`, `${c.evidenced}/${c.claims}`, c.customers]; }),
          ['id', 'persona', 'template', 'status', 'rev', 'evidenced', 'customers']) + '\n');
      });
    });
  persona
    .command('review')
    .argument('<persona>', 'hand-made persona id or name')
    .option('--submit', 'draft → in_review').option('--approve', 'in_review → approved')
    .requiredOption('--by <name>', 'who')
    .option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output')
    .action(async (id: string, o: { submit?: boolean; approve?: boolean; by: string }) => {
      const g = globals();
      if (Boolean(o.submit) === Boolean(o.approve)) throw problem('usage/invalid', { message: 'give one of --submit or --approve' });
      await withWorkspace(g, async (ws) => {
        const saved = await reviewHandPersona(ws.engine, id, o.submit ? 'submit' : 'approve', ws.config.privacy.minimum_group_size, clockFromEnv(), o.by);
        if (g.json) return printJson(saved);
        process.stdout.write(`${saved.persona.id} is ${saved.status} (revision ${saved.revision}, by ${o.by})\n`);
      });
    });

  persona
    .command('version')
    .argument('[personas...]', 'hand-made persona ids (default: all)')
    .description('save the hand-made personas as a new persona-set version (draft): personas, show, review, publish work on it')
    .option('--by <name>', BY)
    .option('-w, --workspace <dir>', 'workspace folder').option('--json', 'machine-readable output')
    .action(async (ids: string[], o: { by?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const all = await listHandPersonas(ws.engine);
        const chosen = ids.length ? await Promise.all(ids.map((i) => loadHandPersona(ws.engine, i))) : all;
        if (!chosen.length) throw problem('persona/not-found', { id: ids.join(', '), known: all.map((h) => h.persona.id) });
        const version = await saveHandVersion(ws.engine, chosen.map((h) => h.persona), ws.config.privacy.minimum_group_size, loadTemplates(ws.dir), { clock: clockFromEnv(), by: actor(o.by) });
        if (g.json) return printJson({ version, personas: chosen.map((h) => h.persona.id) });
        process.stdout.write(`Saved version ${version} (draft) with ${chosen.map((h) => h.persona.id).join(', ')}: archetype personas --version ${version}; archetype review ${version} --submit --by NAME\n`);
      });
    });
  for (const c of persona.commands) c.exitOverride();

  program
    .command('validate')
    .argument('<persona>', 'hand-made persona id or name')
    .description('test each structured claim against the data: validated / contradicted / untested, with the numbers')
    .action(async (id: string) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const h = await loadHandPersona(ws.engine, id);
        const results = await validatePersona(ws.engine, h.persona, ws.config.privacy.minimum_group_size);
        if (g.json) return printJson({ persona: h.persona.id, claims: results });
        process.stdout.write(table(results.map((r) => [r.field, r.text.slice(0, 40), r.check ? `${r.check.field} ${r.check.op} ${r.check.value.join(', ')}` : '', r.verdict === 'contradicted' ? '⚠ contradicted' : r.verdict,
          r.share_segment !== null ? pct(r.share_segment) : '', r.share_all !== null ? pct(r.share_all) : '', r.lift !== null ? `×${r.lift.toFixed(2)}` : '', `${r.segment}, ${r.basis} (n=${r.segment_n})`, r.verdict === 'untested' ? r.reason : '']),
        ['field', 'claim', 'check', 'verdict', 'segment', 'all', 'lift', 'tested on', 'why']) + '\n');
      });
    });

  program
    .command('interview-plan')
    .option('--persona <id>', 'only this persona (data-driven p1 … or hand-made h1 …)')
    .option('--target <n>', 'interviews per persona (default: repository.interview_target or 15)')
    .option('--out <file>', 'write the plan as Markdown')
    .description('whom to interview per persona (segment members, diverse, nobody twice) and which questions')
    .action(async (o: { persona?: string; target?: string; out?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const target = intArg(o.target, '--target') ?? ws.config.repository.interview_target;
        const hand = (await listHandPersonas(ws.engine)).map((h) => h.persona);
        const plan = await interviewPlan(ws.engine, { target, hand, templates: loadTemplates(ws.dir), ...(o.persona !== undefined ? { only: o.persona } : {}) });
        if (!plan.length) throw problem('persona/not-found', { id: o.persona ?? '', known: hand.map((h) => h.id) });
        const md = `# Interview plan\n\n${renderPlanMarkdown(plan)}`;
        if (o.out !== undefined) writeFileSync(o.out, md);
        if (g.json) return printJson({ plan });
        process.stdout.write(o.out !== undefined ? `Wrote ${o.out}: ${plan.map((e) => `${e.persona} ${e.customers.length}/${e.target}`).join(', ')}\n` : md);
      });
    });
}
