// The hand-checked body of POST /api/leads/score against the route's zod schema: whatever it takes, the schema takes with the same result (key order too); what the schema refuses, it leaves to the schema.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ZodType } from 'zod';
import { oneRoute, plainLeadBody } from '../../src/interfaces/http/routes/scoring.js';

const schema = oneRoute.request.body.content['application/json'].schema as unknown as ZodType;

function agrees(body: unknown): void {
  const fast = plainLeadBody(body);
  const slow = schema.safeParse(body);
  if (fast === null) return; // the schema answers it, as before
  assert.ok(slow.success, `taken by hand but refused by the schema: ${JSON.stringify(body)}`);
  assert.deepEqual(fast, slow.data);
  assert.deepEqual(Object.keys(fast.lead), Object.keys((slow.data as { lead: object }).lead), 'same attribute order');
}

describe('POST /api/leads/score: the hand-checked body', () => {
  it('takes the common shapes, with lead_id trimmed, and leaves the rest to the schema', () => {
    assert.deepEqual(plainLeadBody({ lead: { country: 'DE', lead_id: '  l1 ', age: 31, opt: true, x: null }, version: 2 }), {
      lead: { lead_id: 'l1', country: 'DE', age: 31, opt: true, x: null },
      version: 2,
    });
    assert.deepEqual(plainLeadBody({ lead: { lead_id: 7 } }), { lead: { lead_id: 7 } });
    for (const b of [
      null, [], 'x', {}, { lead: null }, { lead: [] }, { lead: {} }, { lead: { lead_id: '  ' } }, { lead: { lead_id: null } }, { lead: { lead_id: true } },
      { lead: { lead_id: 'l1', events: [] } }, { lead: { lead_id: 'l1', a: {} } }, { lead: { lead_id: 'l1', a: [1] } }, { lead: { lead_id: 'l1' }, version: 0 },
      { lead: { lead_id: 'l1' }, version: 1.5 }, { lead: { lead_id: 'l1' }, version: '1' }, { lead: { lead_id: 'l1' }, version: 2 ** 60 }, { lead: { lead_id: 'l1' }, extra: 1 },
      JSON.parse('{"lead":{"lead_id":"l1","__proto__":{"a":1}}}'), JSON.parse('{"__proto__":{},"lead":{"lead_id":"l1"}}'),
    ])
      assert.equal(plainLeadBody(b), null, JSON.stringify(b));
  });

  it('never disagrees with the schema (random bodies)', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
    const key = fc.oneof(fc.constantFrom('lead_id', 'events', 'country', 'age', '__proto__', 'constructor', 'toString', 'version', 'lead'), fc.string({ maxLength: 6 }));
    const value = fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(' l1 ', '', '   ', 0, -1, 1, 2.5, 2 ** 53, []));
    const lead = fc.oneof(fc.dictionary(key, value, { maxKeys: 6 }), fc.record({ lead_id: value }), value);
    const body = fc.oneof(
      fc.record({ lead, version: fc.oneof(value, fc.integer({ min: -2, max: 5 })) }, { requiredKeys: [] }),
      fc.dictionary(key, fc.oneof(lead, value), { maxKeys: 3 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    // through JSON, as a request body arrives (own "__proto__" keys included)
    fc.assert(fc.property(body, (b) => agrees(JSON.parse(JSON.stringify(b) ?? 'null'))), { numRuns: 3000 });
  });
});
