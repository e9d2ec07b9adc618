// Public API of the demo generator: streams a fictional company's CSV files and the planted truth to a folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRng } from '../shared/rng.js';
import { problem } from '../shared/problems.js';
import { ACCOUNT_HEADER, AccountBook } from './accounts.js';
import { B2B_COMPANY } from './company-b2b.js';
import { B2C_COMPANY } from './company-b2c.js';
import { CsvSink, flushFull } from './csv-sink.js';
import { writeCustomer } from './customer-journey.js';
import { EVENT_HEADER, EventLines } from './event-lines.js';
import { writeLead } from './leads.js';
import { prepare, shareTable } from './prepared.js';
import { customerHeader, leadHeader } from './profile.js';
import { FEEDBACK_HEADER, ORDER_HEADER, TICKET_HEADER } from './run-context.js';
import type { RunContext, Sinks } from './run-context.js';
import { funnelJson, personasJson } from './truth.js';
import { seedFor, table } from './weights.js';

export interface DemoOptions {
  dir: string;
  customers: number;
  /** default 42 */
  seed?: number;
  /** default b2c */
  variant?: 'b2c' | 'b2b';
  /** default customers / 10, at least 200 */
  leads?: number;
  /**
   * How far apart the planted personas are: 1 (default) keeps them as designed, 0 makes them identical,
   * values in between pull every persona number toward the population average (up to 2 exaggerates).
   */
  separation?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface DemoManifest {
  dir: string;
  seed: number;
  variant: 'b2c' | 'b2b';
  files: { entity: string; file: string; rows: number }[];
  truthDir: string;
}

/** Customers (or leads) generated between two progress reports and buffer checks. */
const BATCH = 500;

export async function generateDemo(opts: DemoOptions): Promise<DemoManifest> {
  const seed = opts.seed ?? 42;
  const variant = opts.variant ?? 'b2c';
  const separation = opts.separation ?? 1;
  const customers = opts.customers;
  const leads = opts.leads ?? Math.max(200, Math.floor(customers / 10));
  if (!Number.isInteger(customers) || customers < 1) throw problem('usage/invalid', { message: `customers must be a positive integer, got ${customers}` });
  if (!Number.isInteger(leads) || leads < 0) throw problem('usage/invalid', { message: `leads must be a non-negative integer, got ${leads}` });
  if (!(separation >= 0 && separation <= 2)) throw problem('usage/invalid', { message: `separation must be within 0..2, got ${separation}` });
  if (!Number.isInteger(seed)) throw problem('usage/invalid', { message: `seed must be an integer, got ${seed}` });

  const dir = resolve(opts.dir);
  const truthDir = join(dir, 'truth');
  await mkdir(truthDir, { recursive: true });
  const company = variant === 'b2b' ? B2B_COMPANY : B2C_COMPANY;
  const personas = prepare(company, separation);
  const sink = (file: string, header: readonly string[]): CsvSink => new CsvSink(join(dir, file), header);
  const sinks: Sinks = {
    customers: sink('customers.csv', customerHeader(company)),
    orders: sink('orders.csv', ORDER_HEADER),
    events: sink('events.csv', EVENT_HEADER),
    feedback: sink('feedback.csv', FEEDBACK_HEADER),
    tickets: sink('tickets.csv', TICKET_HEADER),
    leads: sink('leads.csv', leadHeader(company)),
    accounts: variant === 'b2b' ? sink('accounts.csv', ACCOUNT_HEADER) : null,
    truthCustomers: sink('truth/customers.csv', ['customer_id', 'persona', 'negative']),
    truthLeads: sink('truth/leads.csv', ['lead_id', 'persona', 'qualified', 'stage']),
  };
  const all = Object.values(sinks).filter((s): s is CsvSink => s !== null);
  const ctx: RunContext = {
    seed,
    company,
    personas,
    noise: prepare(company, 0)[0] as RunContext['noise'],
    shares: shareTable(personas),
    sources: table(company.feedbackSources),
    sinks,
    events: new EventLines(sinks.events, company, company.contentPaths),
    accounts: sinks.accounts === null ? null : new AccountBook(sinks.accounts, personas, createRng(seedFor(seed, 3, 0))),
    funnel: new Int32Array((personas.length + 1) * 5),
    leadFunnel: new Int32Array((personas.length + 2) * 5),
    counters: { order: 1, ticket: 1, feedback: 1 },
  };

  const run = async (phase: string, total: number, write: (c: RunContext, i: number) => void): Promise<void> => {
    for (let i = 0; i < total; ) {
      const end = Math.min(total, i + BATCH);
      for (; i < end; i++) write(ctx, i);
      await flushFull(all);
      opts.onProgress?.(i, total, phase);
    }
  };
  try {
    await run('customers', customers, writeCustomer);
    await run('leads', leads, writeLead);
  } finally {
    await Promise.all(all.map((s) => s.close()));
  }

  const counts = personas.map((_, i) => ctx.funnel[i * 5] ?? 0);
  await writeFile(join(truthDir, 'personas.json'), JSON.stringify(personasJson(company, personas, separation, counts), null, 2) + '\n');
  await writeFile(join(truthDir, 'funnel.json'), JSON.stringify(funnelJson(personas, ctx.funnel, ctx.leadFunnel), null, 2) + '\n');

  const files: DemoManifest['files'] = [];
  const entities: [string, CsvSink | null][] = [
    ['accounts', sinks.accounts], ['customers', sinks.customers], ['leads', sinks.leads], ['orders', sinks.orders],
    ['events', sinks.events], ['feedback', sinks.feedback], ['tickets', sinks.tickets],
  ];
  for (const [entity, s] of entities) if (s !== null) files.push({ entity, file: `${entity}.csv`, rows: s.rows });
  return { dir, seed, variant, files, truthDir };
}
