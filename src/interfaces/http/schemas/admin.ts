// Schemas of the admin routes: workspace settings, erasure of one customer and the export of everything held on one customer.
import { z } from '@hono/zod-openapi';
import { settingsPatchSchema } from '../../../contract/workspace-settings.js';

export const SettingsSchema = z
  .object({
    privacy: z.object({ minimum_group_size: z.number(), allow_quotes: z.boolean() }),
    refresh_policy_days: z.number(),
    journeys: z.object({ window_days: z.number() }),
    repository: z.object({
      drift_threshold: z.number(), share_change_threshold: z.number(), defining_traits: z.number(), similarity_threshold: z.number(), interview_target: z.number(),
    }),
  })
  .openapi('Settings');

export const SettingsPatchSchema = settingsPatchSchema.openapi('SettingsPatch', {
  description: 'Any of the settings, nested as in archetype.yaml; anything else (engine, mappings, views, server) is edited in archetype.yaml and refused here',
  example: { privacy: { minimum_group_size: 25 } },
});

export const SettingsChangeSchema = z
  .object({
    settings: SettingsSchema,
    changed: z.array(z.object({ setting: z.string(), from: z.union([z.number(), z.boolean()]), to: z.union([z.number(), z.boolean()]) })),
    audit_id: z.number().nullable().openapi({ description: 'null when every value was already set' }),
  })
  .openapi('SettingsChange');

const customerId = z.string().trim().min(1, 'needs a customer id').max(200).openapi({ description: 'the customer id as in the data (customers.customer_id)', example: 'c42' });

export const ForgetRequestSchema = z
  .object({
    customer_id: customerId,
    by: z.string().trim().min(1).max(100).optional().openapi({ description: 'who asks for the erasure, recorded while authentication is off (with a token, the token is recorded)' }),
  })
  .strict()
  .openapi('ForgetRequest');

export const ForgetResultSchema = z
  .object({
    erased: z.boolean().openapi({ description: 'false when the customer had been erased before (nothing held any more)' }),
    rows: z.record(z.string(), z.number()).openapi({ description: 'rows removed per table' }),
    quotes: z.number().openapi({ description: 'quotes removed from stored personas, journeys and hand-made personas' }),
    versions: z.array(z.number()).openapi({ description: 'persona-set versions now marked as needing a refresh' }),
    erased_at: z.string().nullable(),
    audit_id: z.number().nullable(),
  })
  .openapi('ForgetResult');

export const SubjectRequestSchema = z.object({ customer_id: customerId }).strict().openapi('SubjectExportRequest');

const rows = z.array(z.record(z.string(), z.unknown()));

export const SubjectExportSchema = z
  .object({
    customer_id: z.string(),
    exported_at: z.string(),
    entities: z.record(z.string(), rows).openapi({ description: 'rows of each data entity, with the file and line each came from' }),
    derived: z.record(z.string(), rows).openapi({ description: 'rows computed by builds: features, segments, assignments' }),
    quarantine: rows,
    assignments: z.array(z.object({ version: z.number(), status: z.string(), segment: z.number().nullable(), persona_id: z.string().nullable(), persona_name: z.string().nullable() })),
    quotes: z.array(z.object({
      document: z.enum(['personas', 'journeys', 'handmade']), version: z.number().nullable(), persona_id: z.string().nullable(), path: z.string(), text: z.string(), feedback_id: z.string().nullable(),
    })),
  })
  .openapi('SubjectExport');
