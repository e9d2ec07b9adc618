// The persona document as an API schema (mirrors analysis/personas/persona-types.ts; the compiler checks that they agree).
import { z } from '@hono/zod-openapi';

export const QuoteSchema = z
  .object({ text: z.string(), feedback_id: z.string(), source: z.string().nullable().optional(), rating: z.number().nullable().optional() })
  .openapi('Quote');

export const EvidenceSchema = z
  .object({
    claim: z.string().openapi({ description: 'the claim in words', example: 'footwear 45% of spend' }),
    value: z.number().nullable().openapi({ description: "the persona's value (a share, a mean or a median)" }),
    all: z.number().nullable().openapi({ description: 'the same statistic for all customers' }),
    lift: z.number().nullable().openapi({ description: 'value / all where meaningful' }),
    n: z.number().openapi({ description: 'customers (or sentences) behind the claim' }),
    confidence: z.enum(['high', 'medium', 'low']),
    definition: z.string().openapi({ description: 'how it was computed' }),
    quotes: z.array(QuoteSchema).optional(),
  })
  .openapi('Evidence');

export const PersonaFieldSchema = z
  .object({ key: z.string(), label: z.string(), items: z.array(EvidenceSchema), insufficient: z.string().optional() })
  .openapi('PersonaField');

const TraitSchema = z.object({
  feature: z.string(), label: z.string(), direction: z.enum(['high', 'low']), z: z.number(),
  value: z.number().nullable(), all: z.number().nullable(), lift: z.number().nullable(),
});

export const PersonaSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    negative: z.boolean(),
    kind: z.enum(['buyer', 'account']),
    template: z.string().optional().openapi({ description: 'the persona template it was written from (hand-made personas)' }),
    links: z.array(z.object({ persona_id: z.string(), name: z.string(), share: z.number(), lift: z.number().nullable(), n: z.number() })).optional(),
    segment: z.number(),
    summary: z.string(),
    size: z.number(),
    share_of_customers: z.number(),
    share_of_revenue: z.number(),
    share_of_margin: z.number(),
    growth: z.object({ recent_share: z.number(), all_recent_share: z.number(), lift: z.number().nullable() }),
    stability: z.number().nullable(),
    headline_quote: QuoteSchema.nullable(),
    traits: z.array(TraitSchema),
    fields: z.record(z.string(), PersonaFieldSchema),
    impact: z.object({ customers: z.number(), revenue: z.number(), margin: z.number(), support_minutes: z.number(), refunds: z.number() }).optional(),
    exclusion_rule: z
      .object({
        text: z.string(),
        conditions: z.array(z.object({ feature: z.string(), op: z.enum(['>', '<']), threshold: z.number() })),
        precision: z.number(),
        recall: z.number(),
      })
      .optional(),
  })
  .openapi('Persona');

export const PersonaBriefSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['buyer', 'account']),
    negative: z.boolean(),
    size: z.number(),
    share_of_customers: z.number(),
    share_of_revenue: z.number(),
    share_of_margin: z.number(),
    summary: z.string(),
    headline_quote: QuoteSchema.nullable(),
  })
  .openapi('PersonaBrief');

export const ViewSchema = z
  .object({
    name: z.string().openapi({ example: 'sales' }),
    label: z.string(),
    fields: z.array(z.string()).openapi({ description: 'field keys in the order the view shows them' }),
    template: z.string().optional().openapi({ description: 'the persona template whose view list gave the fields' }),
    notes: z.array(z.string()),
    field_notes: z.record(z.string(), z.string()),
  })
  .openapi('View');
