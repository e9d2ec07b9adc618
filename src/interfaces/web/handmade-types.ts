// Shapes of the hand-made persona API (/api/templates, /api/handmade, /api/evidence) as the pages read them.
export interface TemplateField { name: string; label: string; question?: string }
export interface PersonaTemplateDoc { name: string; description: string; kind: string; fields: TemplateField[]; views?: Record<string, string[]> }
export interface ClaimCheck { field: string; op: string; value: string[] }
export interface ClaimEvidence { feedback_id: string; source: string; customer_id: string | null; quote: string }
export interface HandClaim { text: string; evidence: ClaimEvidence[]; check?: ClaimCheck }
export interface Coverage { claims: number; evidenced: number; share: number; fields: number; fields_evidenced: number; field_share: number; customers: number }
export interface ClaimResult {
  field: string; text: string; check: ClaimCheck | null; verdict: 'validated' | 'contradicted' | 'untested'; segment: string; segment_n: number; basis: string;
  share_segment: number | null; share_all: number | null; lift: number | null; reason: string;
}
export type HandStatus = 'draft' | 'in_review' | 'approved';
export interface HandCard {
  persona: { id: string; name: string; template: string; segment?: string; fields: Record<string, HandClaim[]> };
  revision: number; status: HandStatus; created_at: string; coverage: Coverage; validation: ClaimResult[] | null; contradicted: number;
  template: PersonaTemplateDoc | null;
}
export interface HandBrief { id: string; name: string; template: string; segment: string | null; status: HandStatus; revision: number; coverage: Coverage }

/** The claim fields validation knows besides customers columns; offered in the structured form's field list. */
export const CHECK_FIELDS = ['first_touch_channel', 'first_touch_content', 'stage_reached', 'days_to_decision', 'acquisition_channel', 'theme', 'country', 'company_size', 'industry'];
export const CHECK_OPS = ['=', 'in', 'contains', '<', '>'];
export const EVIDENCE_SOURCES = ['interview', 'survey', 'sales_note'];
