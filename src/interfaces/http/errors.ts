// Errors as JSON: zod validation issues name the offending field; library problems map to HTTP statuses here and nowhere else.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { isProblem } from '../../shared/problems.js';
import { ApiError, type ApiErrorBody } from './api-error.js';

/** Problem code → HTTP status; codes not listed are server-side failures (500). */
const STATUS: Record<string, 400 | 404 | 409 | 503> = {
  'usage/invalid': 400,
  'persona/unknown-field': 400,
  'persona/not-found': 404,
  'build/no-personas': 404,
  'repository/not-found': 404,
  'repository/invalid-transition': 409,
  'persona/contradicted': 409,
  'workspace/locked': 503,
};

/** Problem code → the request field it is about, when the problem is about one. */
const FIELD: Record<string, string> = {
  'persona/unknown-field': 'field',
};

export function validationBody(error: ZodError, where: string): ApiErrorBody {
  const issues = error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    const field = [...i.path.map(String), ...keys.slice(0, 1)].join('.') || where;
    const message = i.code === 'unrecognized_keys' ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` : i.message;
    return { field, message };
  });
  const first = issues[0] ?? { field: where, message: 'invalid input' };
  return { error: { code: 'validation', message: `${first.field}: ${first.message}`, field: first.field, issues } };
}

/** The zod-openapi hook: a failed validation becomes a 400 naming the field. */
export function validationHook(result: { success: true } | { success: false; error: ZodError; target?: string }, c: Context): Response | undefined {
  if (result.success) return undefined;
  return c.json(validationBody(result.error, result.target ?? 'request'), 400);
}

export function errorResponse(e: unknown, c: Context): Response {
  if (e instanceof ApiError) {
    if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
    return c.json(e.body(), e.status);
  }
  if (isProblem(e)) {
    const status = STATUS[e.code] ?? 500;
    if (status === 503) c.header('Retry-After', '5');
    const body: ApiErrorBody = { error: { code: e.code, message: e.message } };
    const field = FIELD[e.code];
    if (field !== undefined) body.error.field = field;
    return c.json(body, status);
  }
  if (e instanceof HTTPException && e.status < 500) {
    // hono's own input errors: a body that is not JSON, a missing or wrong content type
    const body: ApiErrorBody = { error: { code: 'validation', message: `body: ${e.message}`, field: 'body' } };
    return c.json(body, e.status === 415 ? 415 : 400);
  }
  if (e instanceof SyntaxError) return c.json({ error: { code: 'validation', message: `body: not valid JSON (${e.message})`, field: 'body' } } satisfies ApiErrorBody, 400);
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`archetype serve: ${e instanceof Error ? (e.stack ?? message) : message}\n`);
  return c.json({ error: { code: 'internal', message } } satisfies ApiErrorBody, 500);
}
