// Schemas of the repository workflow: version overview, review actions, diffs, comments and change requests, the audit log.
import { z } from '@hono/zod-openapi';
import { VersionStatusSchema } from './common.js';

/** A person's name as typed in the UI or CLI (no accounts: the name goes into the audit log). */
const Name = z.string().trim().min(1, 'is required').max(100, 'is too long (100 characters at most)');

export const VersionSummarySchema = z
  .object({
    version: z.number(), created_at: z.string(), status: VersionStatusSchema, seed: z.number(), k: z.number(), personas: z.number(), customers: z.number(),
    data_as_of: z.string().nullable(), rows: z.record(z.string(), z.number()), checksum: z.string(),
    last_action: z.object({ action: z.string(), actor: z.string(), at: z.string() }).nullable(),
    open_requests: z.number(),
  })
  .openapi('VersionSummary');

export const ReviewRequestSchema = z
  .object({
    action: z.enum(['submit', 'approve', 'reject', 'publish', 'archive']).openapi({ description: 'submit for review, approve, reject, publish (approved only) or archive' }),
    by: Name.openapi({ description: 'who acts (kept in the audit log)', example: 'Dana' }),
    comment: z.string().max(2000).optional(),
  })
  .strict()
  .openapi('ReviewRequest');

export const TransitionSchema = z
  .object({ version: z.number(), from: VersionStatusSchema, to: VersionStatusSchema, archived: z.array(z.number()), by: z.string(), open_requests: z.number() })
  .openapi('Transition');

const Overlap = z.object({ from: z.string(), to: z.string(), n: z.number(), of_from: z.number(), of_to: z.number(), jaccard: z.number(), traits: z.number() });
const Brief = z.object({ claim: z.string(), value: z.number().nullable(), n: z.number(), confidence: z.enum(['high', 'medium', 'low']) });
const PersonaBrief = z.object({ id: z.string(), name: z.string(), kind: z.enum(['buyer', 'account']), size: z.number(), share_of_customers: z.number() });
const VersionBrief = z.object({ version: z.number(), status: VersionStatusSchema, created_at: z.string() });

export const DiffSchema = z
  .object({
    from: VersionBrief,
    to: VersionBrief,
    data: z.object({
      changed: z.boolean(),
      entities: z.array(
        z.object({
          entity: z.string(), rows_before: z.number(), rows_after: z.number(), from_before: z.string().nullable(), from_after: z.string().nullable(),
          to_before: z.string().nullable(), to_after: z.string().nullable(), changed: z.boolean(),
        }),
      ),
    }),
    matching: z.object({
      by_members: z.boolean(),
      relations: z.array(
        z.union([
          z.object({ kind: z.literal('continued'), from: z.string(), to: z.string(), overlap: Overlap }),
          z.object({ kind: z.literal('split'), from: z.string(), to: z.array(z.string()), overlaps: z.array(Overlap) }),
          z.object({ kind: z.literal('merged'), from: z.array(z.string()), to: z.string(), overlaps: z.array(Overlap) }),
          z.object({ kind: z.literal('new'), to: z.string(), best: Overlap.nullable() }),
          z.object({ kind: z.literal('gone'), from: z.string(), best: Overlap.nullable() }),
        ]),
      ),
    }),
    personas: z.object({ from: z.record(z.string(), PersonaBrief), to: z.record(z.string(), PersonaBrief) }),
    changes: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        metrics: z.array(z.object({ metric: z.string(), before: z.union([z.number(), z.string(), z.null()]), after: z.union([z.number(), z.string(), z.null()]), minor: z.boolean() })),
        fields: z.array(
          z.object({
            field: z.string(), label: z.string(), change: z.enum(['added', 'removed', 'changed']),
            insufficient_before: z.string().nullable(), insufficient_after: z.string().nullable(),
            items: z.array(z.object({ change: z.enum(['added', 'removed', 'changed']), before: Brief.nullable(), after: Brief.nullable(), minor: z.boolean() })),
          }),
        ),
      }),
    ),
  })
  .openapi('VersionDiff');

export const CommentSchema = z
  .object({
    comment_id: z.number(), version: z.number(), persona_id: z.string(), field: z.string(), kind: z.enum(['comment', 'request']), author: z.string(),
    created_at: z.string(), text: z.string(), proposal: z.string().nullable(), status: z.enum(['open', 'accepted', 'declined']).nullable(),
    resolved_by: z.string().nullable(), resolved_at: z.string().nullable(), resolution: z.string().nullable(),
  })
  .openapi('Comment');

export const EditSchema = z
  .object({
    edit_id: z.number(), version: z.number(), persona_id: z.string(), field: z.string(), text: z.string(), author: z.string(), created_at: z.string(),
    comment_id: z.number().nullable(),
  })
  .openapi('ManualEdit');

export const AnnotationsSchema = z
  .object({
    version: z.number(),
    persona_id: z.string(),
    fields: z.array(z.string()).openapi({ description: 'the fields a comment may name' }),
    comments: z.array(CommentSchema),
    carried_requests: z.array(CommentSchema.extend({ via: z.string() })).openapi({ description: 'open requests made on an earlier version of this persona' }),
    edits: z.array(EditSchema),
    carried_edits: z.array(EditSchema.extend({ via: z.string() })),
  })
  .openapi('Annotations');

export const NewCommentSchema = z
  .object({
    field: z.string().min(1).max(60).openapi({ example: 'pain_points' }),
    text: z.string().trim().min(1, 'is empty').max(4000),
    author: Name,
    request: z.boolean().default(false).openapi({ description: 'a change request: stays open until accepted (with an edit) or declined (with a reason)' }),
    proposal: z.string().max(4000).optional().openapi({ description: 'with request: the proposed new text' }),
  })
  .strict()
  .openapi('NewComment');

export const ResolveSchema = z
  .object({
    accept: z.boolean(),
    by: Name,
    edit: z.string().max(4000).optional().openapi({ description: 'accept: the text that goes in (default: the proposal)' }),
    reason: z.string().max(4000).optional().openapi({ description: 'decline: why (required)' }),
  })
  .strict()
  .openapi('Resolution');

export const AuditSchema = z
  .object({
    audit_id: z.number(), at: z.string(), actor: z.string(), action: z.string(), version: z.number().nullable(), persona_id: z.string().nullable(),
    field: z.string().nullable(), detail: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');
