// What people added to a persona: comments, change requests and manual edits on it, plus open requests and edits carried over from earlier versions of it.
import type { Engine } from '../engine/engine.js';
import { loadVersion, type VersionRecord } from './version-store.js';
import { listComments, listEdits, type CommentRecord, type ManualEdit } from './comments.js';
import { matchPersonas, successors } from './persona-match.js';

export interface Carried {
  /** "version 3, p2": where it was made */
  via: string;
}

export interface PersonaAnnotations {
  comments: CommentRecord[];
  /** open change requests made on an earlier version of this persona */
  carried_requests: (CommentRecord & Carried)[];
  edits: ManualEdit[];
  /** the latest manual edit per field made on an earlier version of this persona (none on this version for that field) */
  carried_edits: (ManualEdit & Carried)[];
}

/** Persona ids in `target` that each (older version, persona) leads to, for the older versions given. */
async function lineage(engine: Engine, target: VersionRecord, versions: number[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const v of versions) {
    if (v >= target.version) continue;
    const older = await loadVersion(engine, v);
    const m = await matchPersonas(engine, older, target);
    for (const [from, to] of successors(m)) out.set(`${v}:${from}`, to);
  }
  return out;
}

export async function annotationsFor(engine: Engine, version: VersionRecord, personaId: string): Promise<PersonaAnnotations> {
  const comments = await listComments(engine, { version: version.version, persona_id: personaId });
  const edits = await listEdits(engine, { version: version.version, persona_id: personaId });
  const openElsewhere = (await listComments(engine, { open: true })).filter((c) => c.version < version.version);
  const editsElsewhere = (await listEdits(engine)).filter((e) => e.version < version.version);
  const versions = [...new Set([...openElsewhere.map((c) => c.version), ...editsElsewhere.map((e) => e.version)])];
  const leads = versions.length ? await lineage(engine, version, versions) : new Map<string, string[]>();
  const here = (v: number, p: string): boolean => (leads.get(`${v}:${p}`) ?? []).includes(personaId);
  const carried_requests = openElsewhere.filter((c) => here(c.version, c.persona_id)).map((c) => ({ ...c, via: `version ${c.version}, ${c.persona_id}` }));
  const latest = new Map<string, ManualEdit>();
  for (const e of editsElsewhere) if (here(e.version, e.persona_id) && !edits.some((x) => x.field === e.field)) latest.set(e.field, e);
  const carried_edits = [...latest.values()].map((e) => ({ ...e, via: `version ${e.version}, ${e.persona_id}` }));
  return { comments, carried_requests, edits, carried_edits };
}

/** A persona's manual edits as its card shows them: this version's, then those carried over from earlier versions. */
export async function cardEdits(
  engine: Engine,
  version: VersionRecord,
  personaId: string,
): Promise<{ field: string; text: string; author: string; created_at: string; comment_id: number | null; via?: string }[]> {
  const a = await annotationsFor(engine, version, personaId);
  return [
    ...a.edits.map((e) => ({ field: e.field, text: e.text, author: e.author, created_at: e.created_at, comment_id: e.comment_id })),
    ...a.carried_edits.map((e) => ({ field: e.field, text: e.text, author: e.author, created_at: e.created_at, comment_id: e.comment_id, via: e.via })),
  ];
}
