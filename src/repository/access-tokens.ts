// API tokens with roles (viewer < editor < approver < admin), stored as scrypt hashes (a salt per token) in the workspace; shown once, compared in constant time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { updateRows } from '../engine/table-ops.js';
import { problem } from '../shared/problems.js';
import { appendAudit } from './audit-log.js';
import { sqlTime, type Clock } from './clock.js';
import { nextId } from './governance-tables.js';

export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `have` may do what `need` may (each role includes the ones below it). */
export const roleAtLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);

export interface TokenInfo {
  token_id: number;
  name: string;
  role: Role;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

/** What a verified token stands for: its id, name and role; `actor` is how the audit log names it. */
export interface Principal {
  token_id: number;
  name: string;
  role: Role;
  actor: string;
}

// scrypt with N=2^14, r=8, p=1 (node's defaults, ~50 ms): slow for guessing, and verified tokens are cached by the server
const KEY_LEN = 32;
const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const PREFIX = 'arch';
const FORMAT = /^arch_(\d{1,9})_([A-Za-z0-9_-]{43})$/;

const scrypt = (secret: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(secret, salt, KEY_LEN, SCRYPT, (e, key) => (e ? reject(e) : resolve(key))));

export const actorOf = (t: { token_id: number; name: string }): string => `${t.name} (token ${t.token_id})`;

export async function ensureTokenTable(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  const cols = [`token_id ${t.int}`, `name ${t.text}`, `role ${t.text}`, `salt ${t.text}`, `hash ${t.text}`, `created_at ${t.timestamp}`, `created_by ${t.text}`, `revoked_at ${t.timestamp}`];
  await engine.exec(d.createTable('_tokens', cols, { ifNotExists: true }));
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Makes a token; the secret is returned here and never stored (only its scrypt hash and salt). */
export async function createToken(engine: Engine, clock: Clock, opts: { role: string; name?: string; by: string }): Promise<{ token: string; info: TokenInfo }> {
  if (!isRole(opts.role)) throw problem('usage/invalid', { message: `role: unknown role "${opts.role}" (roles: ${ROLES.join(', ')})` });
  const role = opts.role;
  const name = (opts.name ?? '').trim();
  if (name.length > 100) throw problem('usage/invalid', { message: 'name: at most 100 characters' });
  await ensureTokenTable(engine);
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt);
  const at = clock();
  return engine.transaction(async () => {
    const id = await nextId(engine, '_tokens', 'token_id');
    const label = name || `${role}-${id}`;
    await engine.exec(`INSERT INTO _tokens VALUES ($id, $name, $role, $salt, $hash, ${engine.dialect.timestamp('$at')}, $by, NULL)`, {
      id, name: label, role, salt: salt.toString('base64'), hash: hash.toString('base64'), at: sqlTime(at), by: opts.by,
    });
    await appendAudit(engine, clock, { actor: opts.by, action: 'token-create', version: null, detail: { token_id: id, name: label, role } });
    return { token: `${PREFIX}_${id}_${secret}`, info: { token_id: id, name: label, role, created_at: at.toISOString(), created_by: opts.by, revoked_at: null } };
  });
}

interface TokenRow {
  token_id: number;
  name: string;
  role: string;
  salt: string;
  hash: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(`${String(v).replace(' ', 'T').replace(/Z?$/, 'Z')}`).toISOString());

async function rows(engine: Engine): Promise<TokenRow[]> {
  await ensureTokenTable(engine);
  return engine.all<TokenRow>(`SELECT token_id, name, role, salt, hash, created_at, created_by, revoked_at FROM _tokens ORDER BY token_id`);
}

/** Every token without its secret or hash, oldest first. */
export async function listTokens(engine: Engine): Promise<TokenInfo[]> {
  return (await rows(engine)).map((r) => ({
    token_id: Number(r.token_id), name: r.name, role: isRole(r.role) ? r.role : 'viewer', created_at: iso(r.created_at) ?? '', created_by: r.created_by, revoked_at: iso(r.revoked_at),
  }));
}

export async function revokeToken(engine: Engine, clock: Clock, id: number, by: string): Promise<TokenInfo> {
  await ensureTokenTable(engine);
  return engine.transaction(async () => {
    const found = (await listTokens(engine)).find((t) => t.token_id === id);
    if (!found) throw problem('repository/not-found', { what: `token ${id} (see \`archetype token list\`)` });
    if (found.revoked_at !== null) return found;
    const at = clock();
    await updateRows(engine, '_tokens', { revoked_at: engine.dialect.timestamp('$at') }, 'token_id = $id', { at: sqlTime(at), id });
    await appendAudit(engine, clock, { actor: by, action: 'token-revoke', version: null, detail: { token_id: id, name: found.name, role: found.role } });
    return { ...found, revoked_at: at.toISOString() };
  });
}

/** The stored verifier of each live token, for a server to check presented tokens against without a query per request. */
export interface TokenVerifier {
  token_id: number;
  name: string;
  role: Role;
  salt: Buffer;
  hash: Buffer;
}

export async function liveVerifiers(engine: Engine): Promise<TokenVerifier[]> {
  return (await rows(engine))
    .filter((r) => r.revoked_at === null && isRole(r.role))
    .map((r) => ({ token_id: Number(r.token_id), name: r.name, role: r.role as Role, salt: Buffer.from(r.salt, 'base64'), hash: Buffer.from(r.hash, 'base64') }));
}

/** The token id a presented token claims (its own text carries it), or null when it is not shaped like one of ours. */
export function claimedId(token: string): number | null {
  const m = FORMAT.exec(token);
  return m ? Number(m[1]) : null;
}

/** Checks a presented token against the verifiers: scrypt of its secret with the stored salt, compared with timingSafeEqual. */
export async function verifyToken(token: string, verifiers: readonly TokenVerifier[]): Promise<Principal | null> {
  const m = FORMAT.exec(token);
  const v = m ? verifiers.find((x) => x.token_id === Number(m[1])) : undefined;
  // unknown ids still pay for one scrypt so that timing does not tell which ids exist
  const salt = v?.salt ?? Buffer.alloc(16);
  const key = await scrypt(m?.[2] ?? token, salt);
  const expected = v?.hash ?? Buffer.alloc(KEY_LEN, 0xff);
  const same = expected.length === key.length && timingSafeEqual(expected, key);
  return v && same ? { token_id: v.token_id, name: v.name, role: v.role, actor: actorOf(v) } : null;
}
