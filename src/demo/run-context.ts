// What one generation run shares between its writers: the company, prepared personas, sinks, id counters and funnel counts.
import type { AccountBook } from './accounts.js';
import type { CsvSink } from './csv-sink.js';
import type { EventLines } from './event-lines.js';
import type { CompanySpec } from './persona-spec.js';
import type { Prepared } from './prepared.js';
import type { Table } from './weights.js';

export interface Sinks {
  readonly customers: CsvSink;
  readonly orders: CsvSink;
  readonly events: CsvSink;
  readonly feedback: CsvSink;
  readonly tickets: CsvSink;
  readonly leads: CsvSink;
  readonly accounts: CsvSink | null;
  readonly truthCustomers: CsvSink;
  readonly truthLeads: CsvSink;
}

export interface RunContext {
  readonly seed: number;
  readonly company: CompanySpec;
  readonly personas: readonly Prepared[];
  /** the share-weighted average persona: what noise leads are drawn from */
  readonly noise: Prepared;
  readonly shares: Table;
  readonly sources: Table;
  readonly sinks: Sinks;
  readonly events: EventLines;
  readonly accounts: AccountBook | null;
  /** customers reaching each stage: index persona × 5 + stage; the row after the personas counts everyone */
  readonly funnel: Int32Array;
  /** leads reaching each stage, same layout plus a row for noise leads before the total */
  readonly leadFunnel: Int32Array;
  counters: { order: number; ticket: number; feedback: number };
}

export const FEEDBACK_HEADER = ['feedback_id', 'text', 'customer_id', 'created_at', 'source', 'rating', 'question', 'stage'];
export const ORDER_HEADER = ['order_id', 'customer_id', 'ordered_at', 'amount', 'currency', 'product_id', 'category', 'quantity', 'channel', 'status', 'margin'];
export const TICKET_HEADER = ['ticket_id', 'customer_id', 'opened_at', 'category', 'minutes_spent', 'cost', 'resolved_at', 'escalated'];
