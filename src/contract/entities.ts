// The entities of shared/DATA-CONTRACT.md: canonical columns, their types, which are required, and each entity's key.

export type ColumnType = 'id' | 'text' | 'timestamp' | 'number' | 'integer' | 'boolean' | 'json';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  /** allowed values (lower-case); a value outside them is quarantined */
  readonly values?: readonly string[];
  /** inclusive numeric bounds */
  readonly min?: number;
  readonly max?: number;
}

export type EntityName = 'customers' | 'accounts' | 'orders' | 'events' | 'feedback' | 'tickets' | 'leads';

export interface EntitySpec {
  readonly name: EntityName;
  readonly columns: readonly ColumnSpec[];
  /** column holding the row's identity; undefined → a hash of the whole row */
  readonly key?: string;
  /** at least one of these must be non-empty (events: customer_id or anonymous_id) */
  readonly oneOf?: readonly string[];
  /** columns referencing customers / accounts, checked after all files of an ingest are loaded */
  readonly references?: readonly { column: string; entity: EntityName; column2: string }[];
  /** alternative singular/plural names seen in file names */
  readonly aliases: readonly string[];
}

export const STAGES = ['awareness', 'consideration', 'decision', 'retention', 'advocacy'] as const;
export type Stage = (typeof STAGES)[number];

export const CHANNELS = [
  'organic_search', 'paid_search', 'paid_social', 'organic_social', 'email', 'referral', 'direct', 'display',
  'affiliate', 'sales', 'event',
] as const;
export const CONTENT_TYPES = [
  'article', 'video', 'photo', 'infographic', 'webinar', 'case_study', 'demo', 'pricing',
] as const;
export const ORDER_STATUSES = ['completed', 'refunded', 'cancelled', 'returned'] as const;
export const FEEDBACK_SOURCES = ['review', 'survey', 'interview', 'support', 'social', 'sales_note'] as const;

const customerColumns: ColumnSpec[] = [
  { name: 'customer_id', type: 'id', required: true },
  { name: 'account_id', type: 'id' },
  { name: 'created_at', type: 'timestamp' },
  { name: 'country', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'city', type: 'text' },
  { name: 'age', type: 'number', min: 0, max: 130 },
  { name: 'gender', type: 'text' },
  { name: 'job_title', type: 'text' },
  { name: 'role', type: 'text' },
  { name: 'industry', type: 'text' },
  { name: 'company_size', type: 'text' },
  { name: 'acquisition_channel', type: 'text' },
  { name: 'email_opt_in', type: 'boolean' },
  { name: 'churned', type: 'boolean' },
  { name: 'churned_at', type: 'timestamp' },
];

export const ENTITIES: Readonly<Record<EntityName, EntitySpec>> = {
  customers: { name: 'customers', key: 'customer_id', columns: customerColumns, aliases: ['customer', 'crm', 'contacts', 'contact'] },
  accounts: {
    name: 'accounts',
    key: 'account_id',
    aliases: ['account', 'companies', 'company'],
    columns: [
      { name: 'account_id', type: 'id', required: true },
      { name: 'name', type: 'text' },
      { name: 'industry', type: 'text' },
      { name: 'employees', type: 'number', min: 0 },
      { name: 'annual_revenue', type: 'number', min: 0 },
      { name: 'country', type: 'text' },
    ],
  },
  orders: {
    name: 'orders',
    key: 'order_id',
    aliases: ['order', 'transactions', 'transaction', 'purchases', 'sales'],
    references: [{ column: 'customer_id', entity: 'customers', column2: 'customer_id' }],
    columns: [
      { name: 'order_id', type: 'id', required: true },
      { name: 'customer_id', type: 'id', required: true },
      { name: 'ordered_at', type: 'timestamp', required: true },
      { name: 'amount', type: 'number', required: true },
      { name: 'currency', type: 'text' },
      { name: 'product_id', type: 'id' },
      { name: 'category', type: 'text' },
      { name: 'quantity', type: 'number' },
      { name: 'channel', type: 'text' },
      { name: 'status', type: 'text', values: ORDER_STATUSES },
      { name: 'margin', type: 'number' },
    ],
  },
  events: {
    name: 'events',
    key: 'event_id',
    aliases: ['event', 'analytics', 'touchpoints', 'touchpoint', 'clicks', 'sessions'],
    oneOf: ['customer_id', 'anonymous_id'],
    references: [{ column: 'customer_id', entity: 'customers', column2: 'customer_id' }],
    columns: [
      { name: 'event_id', type: 'id' },
      { name: 'customer_id', type: 'id' },
      { name: 'anonymous_id', type: 'id' },
      { name: 'session_id', type: 'id' },
      { name: 'occurred_at', type: 'timestamp', required: true },
      { name: 'event', type: 'text', required: true },
      { name: 'channel', type: 'text' },
      { name: 'stage', type: 'text', values: STAGES },
      { name: 'content_type', type: 'text' },
      { name: 'url', type: 'text' },
      { name: 'properties', type: 'json' },
    ],
  },
  feedback: {
    name: 'feedback',
    key: 'feedback_id',
    aliases: ['reviews', 'review', 'surveys', 'survey', 'interviews', 'verbatims', 'comments', 'notes'],
    references: [{ column: 'customer_id', entity: 'customers', column2: 'customer_id' }],
    columns: [
      { name: 'feedback_id', type: 'id', required: true },
      { name: 'text', type: 'text', required: true },
      { name: 'customer_id', type: 'id' },
      { name: 'created_at', type: 'timestamp' },
      { name: 'source', type: 'text' },
      { name: 'rating', type: 'number', min: 0, max: 10 },
      { name: 'question', type: 'text' },
      { name: 'stage', type: 'text', values: STAGES },
    ],
  },
  tickets: {
    name: 'tickets',
    key: 'ticket_id',
    aliases: ['ticket', 'support', 'cases', 'case'],
    references: [{ column: 'customer_id', entity: 'customers', column2: 'customer_id' }],
    columns: [
      { name: 'ticket_id', type: 'id', required: true },
      { name: 'customer_id', type: 'id', required: true },
      { name: 'opened_at', type: 'timestamp', required: true },
      { name: 'category', type: 'text' },
      { name: 'minutes_spent', type: 'number', min: 0 },
      { name: 'cost', type: 'number' },
      { name: 'resolved_at', type: 'timestamp' },
      { name: 'escalated', type: 'boolean' },
    ],
  },
  leads: {
    name: 'leads',
    key: 'lead_id',
    aliases: ['lead', 'prospects', 'prospect'],
    columns: [{ name: 'lead_id', type: 'id', required: true }, ...customerColumns.filter((c) => c.name !== 'customer_id')],
  },
};

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

/** Order in which entities are loaded so that reference checks see their targets. */
/**
 * SQL of a stored row's key: ingest keeps `__key` only for rows it keyed by a hash of the row (no id, or an entity
 * without one) and leaves it NULL beside an id, which is then the key (a copy of every id cost a column's writing).
 */
export function rowKeySql(entity: EntityName, ident: (name: string) => string): string {
  const key = ENTITIES[entity].key;
  return key === undefined ? '__key' : `coalesce(__key, ${ident(key)})`;
}

export const LOAD_ORDER: readonly EntityName[] = ['accounts', 'customers', 'leads', 'orders', 'events', 'feedback', 'tickets'];

export function isEntityName(s: string): s is EntityName {
  return (ENTITY_NAMES as string[]).includes(s);
}

export function requiredColumns(e: EntitySpec): string[] {
  return e.columns.filter((c) => c.required).map((c) => c.name);
}
