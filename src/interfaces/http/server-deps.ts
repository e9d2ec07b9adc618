// What the routes are given: the workspace session, cached reads, build jobs and the team views.
import type { WorkspaceSession } from './workspace-session.js';
import type { WorkspaceReads } from './workspace-reads.js';
import type { BuildJobs } from './build-jobs.js';
import type { ServerLimits } from './limits.js';

export interface ViewDef {
  name: string;
  label: string;
  fields: string[];
  notes: string[];
  field_notes: Record<string, string>;
}

export interface ServerDeps {
  session: WorkspaceSession;
  reads: WorkspaceReads;
  jobs: BuildJobs;
  views: () => Promise<ViewDef[]>;
  /** which optional parts (journeys, review, comments, diff, scoring) this server offers */
  features: { journeys: boolean; review: boolean; comments: boolean; diff: boolean; scoring: boolean };
  /** upload, batch and rate limits (server.limits in archetype.yaml) */
  limits: ServerLimits;
}
