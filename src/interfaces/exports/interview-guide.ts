// The interview guide of a persona as Markdown: who to recruit, questions ordered by the weakness of the evidence, how to import the notes.
import type { InterviewGuide } from '../../repository/interview-guide.js';

/** Text from data (names, quotes, categories) never becomes raw HTML in a Markdown viewer; code spans in the fixed lines hold no angle brackets. */
const noHtml = (s: string): string => s.replace(/[<>]/g, (c) => `\\${c}`);

const KIND: Record<string, string> = { demographic: 'demographic', behavioural: 'behavioural', probe: 'probe' };

export function renderInterviewGuide(g: InterviewGuide): string {
  const out: string[] = [];
  out.push(`# Interview guide: ${noHtml(g.persona.name)} (${g.persona.id})`, '');
  out.push(`*Persona-set version ${g.version} · ${g.persona.size.toLocaleString('en-US')} ${g.persona.kind === 'account' ? 'accounts' : 'customers'}*`, '');
  if (g.interviews) out.push(`Interviews so far: **${g.interviews.interviews} of ${g.interviews.target}** (${g.interviews.people} customers)${g.interviews.remaining ? `, ${g.interviews.remaining} to go` : ' — target reached'}.`, '');
  out.push('## Who to recruit', '', ...g.recruit.map((r) => `- ${noHtml(r)}`), '');
  out.push('## Questions', '', 'Sections are ordered by how weak the data\'s evidence is: the first ones are where interviews add the most.', '');
  g.sections.forEach((s, i) => {
    out.push(`### ${i + 1}. ${noHtml(s.label)}`, '', `*Evidence: ${noHtml(s.evidence)} (strength ${s.strength.toFixed(2)})*`, '');
    for (const q of s.questions) out.push(`- [${KIND[q.kind] ?? q.kind}] ${noHtml(q.text)}`);
    out.push('');
  });
  out.push('## Closing', '', ...g.closing.map((q) => `- ${noHtml(q.text)}`), '');
  out.push('## After the interview', '', ...g.after.map((a) => `- ${noHtml(a)}`), '');
  return out.join('\n');
}
