// Shared by the engine suites: dirty files whose quarantine every engine must reproduce, and a deep compare with a float tolerance.
import assert from 'node:assert/strict';

/** Bad values, ragged lines, multi-line fields, blank lines, invalid UTF-8, duplicates and unknown references (the ingest suite's cases). */
export const DIRTY_FILES: Record<string, Buffer> = {
  'customers.csv': Buffer.concat([
    Buffer.from(
      'customer_id,created_at,country,age,note\n' +
        'd1,2024-01-01,DE,30,plain\n' +
        'd2,2023-02-30,FR,40,bad date\n' +
        'd3,notadate,US,40,bad date\n' +
        'd4,2024-01-01,US,forty,bad number\n' +
        ',2024-01-01,US,20,no id\n' +
        'd5,2024-01-01,US,20,x,too many\n' +
        'd6,2024-01-01\n' +
        'd7,2024-01-01,"Köln\nNRW",33,"multi\nline ""quoted"""\n' +
        'd8,2024-01-01,US,200,out of range\n' +
        'd9,2024-01-01,M',
    ),
    Buffer.from([0xfc]),
    Buffer.from('nchen,20,bad byte\n' + 'd1,2024-01-01,DE,30,plain\n' + '   d10  ,2024-05-01T10:00:00+02:00,US,20,trimmed id\n' + '\n' + 'd11,2024-01-01,a"b,22,quote inside\n'),
  ]),
  'orders.csv': Buffer.from(
    'order_id,customer_id,ordered_at,amount,status\n' +
      'do1,d1,2024-02-01,10.5,completed\n' +
      'do2,dX,2024-02-01,3,completed\n' +
      'do3,d1,2024-02-01,ten,completed\n' +
      'do4,d1,2024-02-01,3,shipped\n' +
      'do5,d7,2024-02-01,3,REFUNDED\n' +
      'do6,d2,2024-02-01,3,\n' +
      'do1,d1,2024-02-01,10.5,completed\n',
  ),
  'events.jsonl': Buffer.from(
    '{"event_id":"de1","customer_id":"d1","occurred_at":"2024-03-01T10:00:00Z","event":"view","stage":"awareness"}\n' +
      '\n' +
      '{not json\n' +
      '{"event_id":"de2","customer_id":"d1","occurred_at":"2024-03-02","event":"view","stage":"Decision","properties":{"a":1}}\n' +
      '{"event_id":"de3","customer_id":"d1","occurred_at":"2024-03-02","event":"view","stage":"nope"}\n' +
      '[1,2]\n',
  ),
};

/** Deep equality where numbers may differ by 1e-9 relative (sums in another order); `path` names the place of a difference. */
export function assertClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return;
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    assert.ok(actual === expected || Math.abs(actual - expected) <= 1e-9 * scale + 1e-12, `${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: not a list`);
    assert.equal(actual.length, expected.length, `${path}: ${actual.length} items ≠ ${expected.length}`);
    expected.forEach((x, i) => assertClose(actual[i], x, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${path}: not an object`);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${path}: keys differ`);
    for (const k of Object.keys(e)) assertClose(a[k], e[k], `${path}.${k}`);
    return;
  }
  assert.equal(actual, expected, `${path}`);
}
