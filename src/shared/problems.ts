// Problem codes with typed parameters: libraries return or throw problems, the edges map them to exit codes / HTTP statuses.

export interface ProblemParams {
  'usage/invalid': { message: string };
  'workspace/not-found': { from: string };
  'workspace/exists': { dir: string };
  'workspace/invalid-config': { file: string; message: string };
  'ingest/missing-file': { file: string };
  'ingest/empty-file': { file: string };
  'ingest/encoding': { file: string; line: number; detail: string };
  'ingest/unknown-entity': { file: string; known: string[] };
  'ingest/unknown-format': { file: string };
  'ingest/missing-column': { file: string; entity: string; missing: string[]; found: string[]; suggestions: Record<string, string> };
  'ingest/bad-mapping': { mapping: string };
  'ingest/unreadable-file': { file: string; detail: string };
  'engine/error': { message: string; code?: string };
  'engine/unsupported': { what: string; engine: string };
  'build/no-data': { message: string };
  'build/no-personas': { message: string };
  'persona/not-found': { id: string; known: string[] };
  'persona/group-too-small': { size: number; minimum: number };
  'persona/unknown-field': { persona: string; field: string; known: string[] };
  'repository/invalid-transition': { version: number; status: string; action: string; hint: string };
  'repository/not-found': { what: string };
  'repository/flagged': { count: number };
  'persona/contradicted': { persona: string; count: number };
  'workspace/locked': { dir: string; seconds: number; holder: string };
}

export type ProblemCode = keyof ProblemParams;

const messages: { [K in ProblemCode]: (p: ProblemParams[K]) => string } = {
  'usage/invalid': (p) => p.message,
  'workspace/not-found': (p) =>
    `no Archetype workspace found in ${p.from} or any parent folder (run \`archetype init DIR\` or pass -w DIR)`,
  'workspace/exists': (p) => `${p.dir} already holds an Archetype workspace (archetype.yaml)`,
  'workspace/invalid-config': (p) => `${p.file}: ${p.message}`,
  'ingest/missing-file': (p) => `${p.file}: no such file`,
  'ingest/empty-file': (p) => `${p.file}: the file is empty (no header and no rows)`,
  'ingest/encoding': (p) => `${p.file}:${p.line}: not UTF-8 text (${p.detail}); convert the file to UTF-8 and ingest it again`,
  'ingest/unknown-entity': (p) =>
    `${p.file}: cannot tell which entity this file holds from its name or header; pass --entity (one of ${p.known.join(', ')})`,
  'ingest/unknown-format': (p) =>
    `${p.file}: unknown file format (expected .csv, .tsv, .jsonl, .ndjson, .json or .parquet, optionally .gz)`,
  'ingest/missing-column': (p) => {
    const hints = Object.entries(p.suggestions).map(([want, got]) => `${want} (did you mean "${got}"? map it with --map ${want}="${got}")`);
    return `${p.file}: missing required column(s) for ${p.entity}: ${p.missing.join(', ')}. Found: ${p.found.join(', ') || '(none)'}.` +
      (hints.length ? ` Suggestions: ${hints.join('; ')}` : '');
  },
  'ingest/bad-mapping': (p) => `bad --map value "${p.mapping}" (expected column="Source column")`,
  'ingest/unreadable-file': (p) => `${p.file}: the file cannot be read as a whole (${p.detail}); nothing was loaded from it. Check that it is complete and in the format its name says`,
  'engine/error': (p) => `engine error${p.code ? ` [${p.code}]` : ''}: ${p.message}`,
  'engine/unsupported': (p) => `${p.engine} does not support ${p.what}`,
  'build/no-data': (p) => p.message,
  'build/no-personas': (p) => p.message,
  'persona/not-found': (p) => `no persona "${p.id}" (known: ${p.known.join(', ') || 'none; run `archetype build`'})`,
  'persona/group-too-small': (p) => `group of ${p.size} is under the workspace minimum of ${p.minimum}`,
  'persona/unknown-field': (p) => `persona ${p.persona} has no field "${p.field}" (fields: ${p.known.join(', ')})`,
  'repository/invalid-transition': (p) => `cannot ${p.action} version ${p.version}: it is ${p.status.replace('_', ' ')}. ${p.hint}`,
  'repository/not-found': (p) => `no ${p.what}`,
  'repository/flagged': (p) => `${p.count} persona(s) flagged (drifted, share moved, stale or gone)`,
  'persona/contradicted': (p) => `cannot approve ${p.persona}: ${p.count} claim${p.count === 1 ? ' is' : 's are'} contradicted by the data (archetype validate ${p.persona}); change or remove ${p.count === 1 ? 'it' : 'them'} first`,
  'workspace/locked': (p) =>
    `the workspace ${p.dir} is in use by another process (${p.holder}) and stayed busy for ${p.seconds} s; try again when it has finished (or raise repository.lock_timeout_seconds in archetype.yaml)`,
};

/** An error that carries a problem code and its parameters. */
export class Problem<K extends ProblemCode = ProblemCode> extends Error {
  readonly code: K;
  readonly params: ProblemParams[K];
  constructor(code: K, params: ProblemParams[K]) {
    super(messages[code](params));
    this.code = code;
    this.params = params;
    this.name = 'Problem';
  }
  /** usage problems exit with 2, everything else with 1. */
  get isUsage(): boolean {
    return this.code === 'usage/invalid' || this.code === 'ingest/bad-mapping';
  }
}

export function problem<K extends ProblemCode>(code: K, params: ProblemParams[K]): Problem<K> {
  return new Problem(code, params);
}

export function isProblem(e: unknown): e is Problem {
  return e instanceof Problem;
}
