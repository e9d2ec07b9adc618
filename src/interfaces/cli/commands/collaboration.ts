// `archetype comment | comments | resolve | view | interview-guide | interviews`: people working on personas — comments, change requests, team views, interviews.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { problem } from '../../../shared/problems.js';
import { clockFromEnv } from '../../../repository/clock.js';
import { findPersona, loadJourneys, loadVersion } from '../../../repository/version-store.js';
import { addComment, listComments, resolveRequest } from '../../../repository/comments.js';
import { annotationsFor } from '../../../repository/annotations.js';
import { personaView, resolveView } from '../../../repository/views.js';
import { interviewsPerPersona } from '../../../repository/interviews.js';
import { interviewGuide } from '../../../repository/interview-guide.js';
import { renderViewMarkdown, renderViewText, type ViewInput } from '../../exports/persona-view.js';
import { renderInterviewGuide } from '../../exports/interview-guide.js';
import { withWorkspace } from '../context.js';
import { printJson, table, type GlobalOptions } from '../output.js';
import { intArg } from './governance.js';

export function registerCollaboration(program: Command, globals: () => GlobalOptions): void {
  program
    .command('comment')
    .argument('<persona>', 'persona id (p1, n1 …) or name')
    .argument('<text...>', 'the comment, or with --request the change asked for')
    .requiredOption('--field <field>', 'the field commented on (pain_points, goals, name, summary …)')
    .requiredOption('--by <name>', 'who comments')
    .option('--request', 'a change request: stays open until accepted (with an edit) or declined (with a reason)')
    .option('--proposal <text>', 'with --request: the proposed new text, when the message explains it')
    .option('--version <n>', 'persona-set version (default: published, else latest)')
    .description('comment on a field of a persona, or request a change (--request)')
    .action(async (id: string, words: string[], o: { field: string; by: string; request?: boolean; proposal?: string; version?: string }) => {
      const g = globals();
      const text = words.join(' ').trim();
      if (!text) throw problem('usage/invalid', { message: 'the comment text is empty' });
      if (o.proposal !== undefined && !o.request) throw problem('usage/invalid', { message: '--proposal goes with --request' });
      await withWorkspace(g, async (ws) => {
        const { version, persona } = await findPersona(ws.engine, id, intArg(o.version, '--version'));
        const c = await addComment(ws.engine, clockFromEnv(), {
          version: version.version, persona, field: o.field, author: o.by.trim(), text, request: o.request === true, ...(o.proposal !== undefined ? { proposal: o.proposal } : {}),
        });
        if (g.json) return printJson(c);
        process.stdout.write(`${c.kind === 'request' ? 'Change request' : 'Comment'} #${c.comment_id} on ${persona.id}.${c.field} (version ${c.version}) by ${c.author}\n`);
        if (c.kind === 'request') process.stdout.write(`Resolve it with \`archetype resolve ${c.comment_id} --accept [--edit TEXT] --by NAME\` or \`--decline --reason TEXT --by NAME\`\n`);
      });
    });

  program
    .command('comments')
    .argument('[persona]', 'only this persona (with requests carried over from its earlier versions)')
    .option('--version <n>', 'persona-set version')
    .option('--open', 'only open change requests')
    .description('comments and change requests, open ones first')
    .action(async (id: string | undefined, o: { version?: string; open?: boolean }) => {
      const g = globals();
      const version = intArg(o.version, '--version');
      await withWorkspace(g, async (ws) => {
        let rows;
        if (id !== undefined) {
          const { version: v, persona } = await findPersona(ws.engine, id, version);
          const a = await annotationsFor(ws.engine, v, persona.id);
          rows = [...a.comments.map((c) => ({ ...c, via: '' })), ...a.carried_requests];
        } else rows = (await listComments(ws.engine, { ...(version !== undefined ? { version } : {}) })).map((c) => ({ ...c, via: '' }));
        if (o.open) rows = rows.filter((c) => c.kind === 'request' && c.status === 'open');
        rows.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || a.comment_id - b.comment_id);
        if (g.json) return printJson({ comments: rows });
        if (!rows.length) return void process.stdout.write('No comments.\n');
        process.stdout.write(table(rows.map((c) => [
          `#${c.comment_id}`, c.kind, c.status ?? '', `v${c.version} ${c.persona_id}.${c.field}`, c.author, c.created_at.slice(0, 10), c.text.slice(0, 60),
          c.resolution ? `${c.resolved_by}: ${c.resolution.slice(0, 40)}` : c.via ? `from ${c.via}` : '',
        ]), ['id', 'kind', 'status', 'where', 'by', 'when', 'text', 'resolution']) + '\n');
      });
    });

  program
    .command('resolve')
    .argument('<id>', 'change request number')
    .option('--accept', 'accept: the edit goes onto the persona, marked as manual, beside the evidence')
    .option('--edit <text>', 'with --accept: the text that goes in (default: the proposal)')
    .option('--decline', 'decline (needs --reason)')
    .option('--reason <text>', 'with --decline: why')
    .requiredOption('--by <name>', 'who resolves')
    .description('resolve a change request: --accept [--edit TEXT] or --decline --reason TEXT')
    .action(async (idArg: string, o: { accept?: boolean; edit?: string; decline?: boolean; reason?: string; by: string }) => {
      const g = globals();
      const id = intArg(idArg.replace(/^#/, ''), 'id') as number;
      if (Boolean(o.accept) === Boolean(o.decline)) throw problem('usage/invalid', { message: 'give exactly one of --accept, --decline' });
      if (o.decline && !o.reason?.trim()) throw problem('usage/invalid', { message: '--decline needs --reason TEXT' });
      await withWorkspace(g, async (ws) => {
        const r = await resolveRequest(ws.engine, clockFromEnv(), id, {
          accept: o.accept === true, by: o.by.trim(), ...(o.edit !== undefined ? { edit: o.edit } : {}), ...(o.reason !== undefined ? { reason: o.reason } : {}),
        });
        if (g.json) return printJson(r);
        process.stdout.write(`Change request #${id} ${r.comment.status} by ${o.by}${r.edit_id !== null ? `: manual edit #${r.edit_id} on ${r.comment.persona_id}.${r.comment.field}` : ''}\n`);
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      });
    });

  program
    .command('view')
    .argument('<persona>', 'persona id (p1, n1 …) or name')
    .option('--view <view>', 'cx | content | ux | sales, or a view defined in archetype.yaml (default: every field)')
    .option('--version <n>', 'persona-set version')
    .option('--out <file>', 'write the view as Markdown')
    .description("a team's view of a persona, with manual edits, comments and open change requests")
    .action(async (id: string, o: { view?: string; version?: string; out?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        if (o.view !== undefined) resolveView(ws.config, o.view); // an unknown view fails before the persona is read
        const { version, persona } = await findPersona(ws.engine, id, intArg(o.version, '--version'));
        // drawn from the persona's template when it has one (hand-made, or persona_templates in archetype.yaml)
        const view = o.view !== undefined ? personaView(ws.config, ws.dir, o.view, persona) : null;
        const annotations = await annotationsFor(ws.engine, version, persona.id);
        const interviews = (await interviewsPerPersona(ws.engine, version, ws.config.repository.interview_target)).find((x) => x.persona_id === persona.id) ?? null;
        const guide = interviewGuide(persona, version.version, interviews);
        const questionsToAsk = guide.sections.filter((s) => ['buying_criteria', 'triggers', 'objections', 'questions'].includes(s.field)).flatMap((s) => s.questions.filter((q) => q.kind !== 'probe').slice(0, 1));
        const journey = (await loadJourneys(ws.engine, version.version))?.maps.find((m) => m.group === persona.id) ?? null;
        const input: ViewInput = { persona, version: version.version, status: version.status, view, annotations, interviews, questionsToAsk, journey };
        if (o.out) writeFileSync(o.out, renderViewMarkdown(input));
        if (g.json) return printJson({ version: version.version, status: version.status, view, persona, annotations, interviews, questions_to_ask: questionsToAsk, journey, ...(o.out ? { file: o.out } : {}) });
        if (o.out) process.stderr.write(`Wrote ${o.out}\n`);
        else process.stdout.write(renderViewText(input));
      });
    });

  program
    .command('interview-guide')
    .argument('<persona>', 'persona id (p1, n1 …) or name')
    .option('--out <file>', 'write the guide (Markdown) to a file instead of stdout')
    .option('--version <n>', 'persona-set version')
    .description('an interview guide: questions aimed first at the fields with the weakest evidence')
    .action(async (id: string, o: { out?: string; version?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const { version, persona } = await findPersona(ws.engine, id, intArg(o.version, '--version'));
        const interviews = (await interviewsPerPersona(ws.engine, version, ws.config.repository.interview_target)).find((x) => x.persona_id === persona.id) ?? null;
        const guide = interviewGuide(persona, version.version, interviews);
        const md = renderInterviewGuide(guide);
        if (o.out) writeFileSync(o.out, md);
        if (g.json) return printJson({ ...guide, ...(o.out ? { file: o.out } : {}) });
        if (o.out) process.stdout.write(`Wrote ${o.out} (${guide.sections.length} sections, weakest evidence first: ${guide.sections.slice(0, 3).map((s) => s.label).join(', ')})\n`);
        else process.stdout.write(md);
      });
    });

  program
    .command('interviews')
    .option('--version <n>', 'persona-set version')
    .description('interviews done per persona against the target (repository.interview_target, default 15)')
    .action(async (o: { version?: string }) => {
      const g = globals();
      await withWorkspace(g, async (ws) => {
        const v = await loadVersion(ws.engine, intArg(o.version, '--version'));
        const rows = await interviewsPerPersona(ws.engine, v, ws.config.repository.interview_target);
        if (g.json) return printJson({ version: v.version, interviews: rows });
        process.stdout.write(`Version ${v.version} (${v.status}): interviews per persona, target ${ws.config.repository.interview_target}\n\n`);
        const bar = (n: number, t: number): string => '█'.repeat(Math.min(10, Math.round((n / t) * 10))).padEnd(10, '·');
        process.stdout.write(table(rows.map((r) => [r.persona_id, r.name, `${r.interviews}/${r.target}`, bar(r.interviews, r.target), r.people, r.remaining ? `${r.remaining} to go` : 'done']), ['id', 'persona', 'interviews', '', 'people', '']) + '\n');
      });
    });
}
