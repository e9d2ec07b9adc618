// Schemas of hand-made personas over HTTP: templates, claims with their structured form and evidence, coverage, validation, review.
import { z } from '@hono/zod-openapi';
import { CLAIM_OPS, EVIDENCE_SOURCES } from '../../../repository/templates/handmade-store.js';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name is snake_case').max(60);

export const TemplateSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    kind: z.enum(['b2c', 'b2b_buyer', 'b2b_company', 'negative']),
    fields: z.array(z.object({ name: z.string(), label: z.string(), question: z.string().optional() })),
    views: z.record(z.string(), z.array(z.string())).optional().openapi({ description: 'per team view (cx, content, ux, sales), the template fields it shows, in order' }),
  })
  .openapi('PersonaTemplate');

export const ClaimCheckSchema = z
  .strictObject({
    field: fieldKey.openapi({ description: 'a customers column, theme, first_touch_channel, first_touch_content, stage_reached or days_to_decision', example: 'first_touch_channel' }),
    op: z.enum(CLAIM_OPS as unknown as [string, ...string[]]).openapi({ example: '=' }),
    value: z.array(z.string().trim().min(1).max(200)).min(1, 'give at least one value').max(20),
  })
  .openapi('ClaimCheck');

const EvidenceRef = z
  .string()
  .regex(new RegExp(`^(${EVIDENCE_SOURCES.join('|')}):.+$`), `expected SOURCE:FEEDBACK_ID with source ${EVIDENCE_SOURCES.join(', ')}`)
  .max(300)
  .openapi({ example: 'interview:f12' });

export const EvidenceSchema = z.object({ feedback_id: z.string(), source: z.string(), customer_id: z.string().nullable(), quote: z.string() }).openapi('ClaimEvidence');

const ClaimSchema = z.object({ text: z.string(), evidence: z.array(EvidenceSchema), check: z.object({ field: z.string(), op: z.string(), value: z.array(z.string()) }).optional() });

export const ClaimResultSchema = z
  .object({
    field: z.string(), text: z.string(), check: z.object({ field: z.string(), op: z.string(), value: z.array(z.string()) }).nullable(),
    verdict: z.enum(['validated', 'contradicted', 'untested']), segment: z.string(), segment_n: z.number(), basis: z.string(),
    share_segment: z.number().nullable(), share_all: z.number().nullable(), lift: z.number().nullable(), reason: z.string(),
  })
  .openapi('ClaimResult');

export const CoverageSchema = z
  .object({
    claims: z.number(), evidenced: z.number(), share: z.number().openapi({ description: 'claims with a quote / all claims' }),
    fields: z.number(), fields_evidenced: z.number(), field_share: z.number().openapi({ description: 'template fields with an evidenced claim / all fields' }),
    customers: z.number().openapi({ description: 'distinct customers behind the quotes' }),
  })
  .openapi('EvidenceCoverage');

const HandPersonaSchema = z.object({ id: z.string(), name: z.string(), template: z.string(), segment: z.string().optional(), fields: z.record(z.string(), z.array(ClaimSchema)) });

export const HandCardSchema = z
  .object({
    persona: HandPersonaSchema,
    revision: z.number(),
    status: z.enum(['draft', 'in_review', 'approved']),
    created_at: z.string(),
    coverage: CoverageSchema,
    validation: z.array(ClaimResultSchema).nullable().openapi({ description: 'null while the workspace has no customers to test on' }),
    contradicted: z.number().openapi({ description: 'claims the data contradicts: they block approval' }),
    template: TemplateSchema.nullable(),
  })
  .openapi('HandMadePersona');

export const HandBriefSchema = z
  .object({ id: z.string(), name: z.string(), template: z.string(), segment: z.string().nullable(), status: z.enum(['draft', 'in_review', 'approved']), revision: z.number(), coverage: CoverageSchema })
  .openapi('HandMadePersonaBrief');

export const NewHandSchema = z
  .strictObject({ template: fieldKey.or(z.string().regex(/^[a-z][a-z0-9-]*$/)).openapi({ example: 'basic' }), name, segment: z.string().trim().min(1).max(60).optional().openapi({ description: 'data-driven persona (p1 …) whose members test this one' }) })
  .openapi('NewHandMadePersona');

export const NewClaimSchema = z
  .strictObject({ field: fieldKey, text: name.max(1000), check: ClaimCheckSchema.optional(), evidence: z.array(EvidenceRef).max(50).optional() })
  .openapi('NewClaim');

export const ClaimEditSchema = z
  .strictObject({
    text: name.max(1000).optional(),
    check: ClaimCheckSchema.nullable().optional().openapi({ description: 'the structured form; null removes it' }),
    evidence: z.array(EvidenceRef).max(50).optional().openapi({ description: 'quotes to attach' }),
    remove: z.boolean().optional().openapi({ description: 'drop the claim' }),
  })
  .openapi('ClaimEdit');

export const HandReviewSchema = z
  .strictObject({ action: z.enum(['submit', 'approve']), by: name.max(100).openapi({ description: 'who (the signed-in token names the actor when access control is on)' }) })
  .openapi('HandMadeReview');

export const ClaimParams = z.object({
  id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'h1' }),
  field: fieldKey.openapi({ param: { name: 'field', in: 'path' }, example: 'channels' }),
  item: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be ≥ 1').openapi({ param: { name: 'item', in: 'path' }, description: '1-based claim number', example: 1 }),
});

export const EvidenceQuery = z.object({
  q: z.string().max(200).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'words the quote contains' }),
  source: z.enum(EVIDENCE_SOURCES).optional().openapi({ param: { name: 'source', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { name: 'limit', in: 'query' } }),
});
