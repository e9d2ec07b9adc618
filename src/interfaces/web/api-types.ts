// Shapes of the API answers the pages read (the OpenAPI document at /api/openapi.json is the reference).
import type { Persona, Quote } from '../../analysis/personas/persona-types.js';

export type { Persona, Quote };
export type { Evidence, PersonaField } from '../../analysis/personas/persona-types.js';

export type VersionStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'archived' | 'rejected';

export interface PersonaBrief {
  id: string;
  name: string;
  kind: 'buyer' | 'account';
  negative: boolean;
  size: number;
  share_of_customers: number;
  share_of_revenue: number;
  share_of_margin: number;
  summary: string;
  headline_quote: Quote | null;
}

export interface PersonaSet {
  version: number;
  status: VersionStatus;
  created_at: string;
  personas: PersonaBrief[];
}

export interface View {
  name: string;
  label: string;
  fields: string[];
  notes: string[];
  field_notes: Record<string, string>;
}

export interface PersonaDocument {
  version: number;
  status: VersionStatus;
  view: View | null;
  field_order: string[];
  persona: Persona;
}

export interface EntityStatus {
  entity: string;
  rows: number;
  quarantined: number;
  files: number;
  last_ingest: string | null;
  from: string | null;
  to: string | null;
}

export interface WorkspaceStatus {
  workspace: { name: string; engine: string };
  entities: EntityStatus[];
  ingests: number;
  last_ingest: string | null;
}

export interface QuarantinedRow {
  entity: string;
  file: string;
  line: number;
  code: string;
  column: string | null;
  message: string;
  raw: string;
}


export interface BuildJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  step: string;
  done: number;
  total: number;
  version: number | null;
  error: string | null;
}

/** GET /api/session: whether the server requires a token and who is signed in (role null: authentication off). */
export interface SessionInfo {
  auth: boolean;
  signed_in: boolean;
  name: string | null;
  role: 'viewer' | 'editor' | 'approver' | 'admin' | null;
  csrf: string | null;
}

export interface Meta {
  workspace: { name: string; engine: string };
  features: { journeys: boolean; review: boolean; comments: boolean; diff: boolean; scoring: boolean };
  /** server.limits the pages check before sending */
  limits: { upload_bytes: number; batch_leads: number; score_rate: number; score_burst: number };
}

export type { JourneyMap } from '../../analysis/journeys/journey-types.js';
export type { Scenario } from '../../analysis/nurturing/scenario.js';

export interface JourneyHead {
  version: number;
  status: VersionStatus;
  group: string;
  name: string;
  as_of: string | null;
  window_days: number;
}

export interface JourneyList {
  version: number;
  status: VersionStatus;
  as_of: string | null;
  window_days: number;
  maps: { group: string; name: string; customers: number; negative: boolean }[];
}

export interface CommentRecord {
  comment_id: number;
  version: number;
  persona_id: string;
  field: string;
  kind: 'comment' | 'request';
  author: string;
  created_at: string;
  text: string;
  proposal: string | null;
  status: 'open' | 'accepted' | 'declined' | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

export interface ManualEdit {
  edit_id: number;
  version: number;
  persona_id: string;
  field: string;
  text: string;
  author: string;
  created_at: string;
  comment_id: number | null;
}

export interface Annotations {
  version: number;
  persona_id: string;
  fields: string[];
  comments: CommentRecord[];
  carried_requests: (CommentRecord & { via: string })[];
  edits: ManualEdit[];
  carried_edits: (ManualEdit & { via: string })[];
}

export interface VersionSummary {
  version: number;
  created_at: string;
  status: VersionStatus;
  seed: number;
  k: number;
  personas: number;
  customers: number;
  data_as_of: string | null;
  rows: Record<string, number>;
  checksum: string;
  last_action: { action: string; actor: string; at: string } | null;
  open_requests: number;
}

export type { VersionDiff } from '../../repository/version-diff.js';

export type { LeadScore } from '../../analysis/scoring/score-lead.js';
export type { ScoreSummary } from '../../analysis/scoring/score-leads.js';
