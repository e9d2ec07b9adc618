// Dirty files: every bad row lands in the quarantine with its code, physical line number and raw text; counts add up.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProblem } from '../../src/shared/problems.js';
import { addsUp, codes, fileReport, openBench, type Bench } from './helpers.js';

describe('dirty files', () => {
  let b: Bench;
  before(async () => {
    b = await openBench();
  });
  after(async () => b.close());

  test('bad values, ragged lines, multi-line fields, invalid UTF-8 and unknown references, orders listed before customers', async () => {
    const customers = b.write(
      'customers.csv',
      Buffer.concat([
        Buffer.from(
          'customer_id,created_at,country,age,note\n' + // 1
            'c1,2024-01-01,DE,30,plain\n' + // 2
            'c2,2023-02-30,FR,40,bad date\n' + // 3 bad-timestamp (TIMESTAMPTZ would silently null it)
            'c3,notadate,US,40,bad date\n' + // 4 bad-timestamp
            'c4,2024-01-01,US,forty,bad number\n' + // 5 bad-number
            ',2024-01-01,US,20,no id\n' + // 6 missing-value
            'c5,2024-01-01,US,20,x,too many\n' + // 7 ragged-line
            'c6,2024-01-01\n' + // 8 ragged-line
            'c7,2024-01-01,"Köln\nNRW",33,"multi\nline ""quoted"""\n' + // 9-11 fine
            'c8,2024-01-01,US,200,out of range\n' + // 12 out-of-range
            'c9,2024-01-01,M',
        ),
        Buffer.from([0xfc]), // 13 invalid-utf8 (ü in Latin-1)
        Buffer.from('nchen,20,bad byte\n' + 'c1,2024-01-01,DE,30,plain\n' + '   c10  ,2024-05-01T10:00:00+02:00,US,20,trimmed id\n'), // 14 duplicate, 15 fine
      ]),
    );
    const orders = b.write(
      'orders.csv',
      'order_id,customer_id,ordered_at,amount,status\n' +
        'o1,c1,2024-02-01,10.5,completed\n' + // 2
        'o2,cX,2024-02-01,3,completed\n' + // 3 unknown-reference
        'o3,c1,2024-02-01,ten,completed\n' + // 4 bad-number
        'o4,c1,2024-02-01,3,shipped\n' + // 5 bad-value
        'o5,c7,2024-02-01,3,REFUNDED\n' + // 6 fine (case-insensitive)
        'o6,c2,2024-02-01,3,\n' + // 7 unknown-reference: c2 was quarantined
        'o1,c1,2024-02-01,10.5,completed\n', // 8 duplicate
    );
    const report = await b.ingest([orders, customers]);
    assert.ok(addsUp(report));
    const c = fileReport(report, 'customers.csv');
    assert.deepEqual([c.rows, c.ingested, c.quarantined, c.duplicates], [12, 3, 8, 1]);
    const o = fileReport(report, 'orders.csv');
    assert.deepEqual([o.rows, o.ingested, o.quarantined, o.duplicates], [7, 2, 4, 1]);
    const q = await b.quarantine();
    assert.deepEqual(codes(q, 'customers.csv'), [
      '3:bad-timestamp', '4:bad-timestamp', '5:bad-number', '6:missing-value', '7:ragged-line', '8:ragged-line', '12:out-of-range', '13:invalid-utf8',
    ]);
    assert.deepEqual(codes(q, 'orders.csv'), ['3:unknown-reference', '4:bad-number', '5:bad-value', '7:unknown-reference']);
    const raw = (file: string, line: number): string | undefined => q.find((r) => r.file.endsWith(file) && r.line === line)?.raw;
    assert.equal(raw('customers.csv', 3), 'c2,2023-02-30,FR,40,bad date');
    assert.equal(raw('customers.csv', 7), 'c5,2024-01-01,US,20,x,too many');
    assert.equal(raw('customers.csv', 8), 'c6,2024-01-01');
    assert.match(raw('customers.csv', 13) ?? '', /^c9,2024-01-01,M.nchen,20,bad byte$/);
    assert.equal(raw('orders.csv', 3), 'o2,cX,2024-02-01,3,completed');
    assert.match(q.find((r) => r.line === 3 && r.file.endsWith('orders.csv'))?.message ?? '', /customer_id "cX" is not a known customer/);
    assert.match(q.find((r) => r.line === 5 && r.file.endsWith('customers.csv'))?.message ?? '', /age: "forty" is not a number/);
    // good rows keep their physical line, multi-line values intact, ids trimmed, offsets honoured
    const rows = await b.rows(`SELECT customer_id, country, __line, CAST(created_at AS VARCHAR) AS t FROM customers ORDER BY __line`);
    assert.deepEqual(rows.map((r) => `${r['customer_id']}@${r['__line']}`), ['c1@2', 'c7@9', 'c10@15']);
    assert.equal(rows[1]?.['country'], 'Köln\nNRW');
    assert.equal(rows[2]?.['t'], '2024-05-01 08:00:00');
    const ordersRows = await b.rows(`SELECT order_id, status FROM orders ORDER BY order_id`);
    assert.deepEqual(ordersRows, [{ order_id: 'o1', status: 'completed' }, { order_id: 'o5', status: 'refunded' }]);
  });

  test('a bad enum value in events.stage, a reader reject after a multi-line field and blank lines keep line numbers', async () => {
    const events = b.write(
      'events.csv',
      'event_id,customer_id,occurred_at,event,stage,properties\n' + // 1
        'e1,c1,2024-03-01,view,awareness,"{""a"": 1}"\n' + // 2
        '\n' + // 3 blank: not a record
        'e2,c1,2024-03-01,view,"consid\neration",\n' + // 4-5 bad-value
        'e3,c1,2024-03-01,view\n' + // 6 ragged-line
        'e4,,2024-03-01,view,decision,\n' + // 7 missing-value (customer_id|anonymous_id)
        'e5,c1,2024-03-01,view,decision,{not json\n' + // 8 bad-json
        '\n' + // 9 blank
        'e6,c1,2024-03-01,view,Decision,\n', // 10 fine
    );
    const report = await b.ingest([events]);
    assert.ok(addsUp(report));
    const e = fileReport(report, 'events.csv');
    assert.deepEqual([e.rows, e.ingested, e.quarantined, e.duplicates], [6, 2, 4, 0]);
    assert.deepEqual(codes(await b.quarantine('events'), 'events.csv'), ['4:bad-value', '6:ragged-line', '7:missing-value', '8:bad-json']);
    const rows = await b.rows(`SELECT event_id, stage, __line FROM events ORDER BY __line`);
    assert.deepEqual(rows.map((r) => `${r['event_id']}:${r['stage']}@${r['__line']}`), ['e1:awareness@2', 'e6:decision@10']);
  });

  test('duplicates within a file and across files', async () => {
    const a = b.write('fb-a.csv', 'feedback_id,text,rating\nf1,great,5\nf2,meh,3\nf1,great again,5\n');
    const z = b.write('fb-b.csv', 'feedback_id,text,rating\nf2,meh,3\nf3,"so, so",11\nf4,ok,4\nf4,ok,4\n');
    const report = await b.ingest([a, z], { entity: 'feedback' });
    assert.ok(addsUp(report));
    const ra = fileReport(report, 'fb-a.csv');
    const rb = fileReport(report, 'fb-b.csv');
    assert.deepEqual([ra.rows, ra.ingested, ra.quarantined, ra.duplicates], [3, 2, 0, 1]);
    assert.deepEqual([rb.rows, rb.ingested, rb.quarantined, rb.duplicates], [4, 1, 1, 2]);
    assert.deepEqual(codes(await b.quarantine('feedback'), 'fb-b.csv'), ['3:out-of-range']);
    assert.equal((await b.quarantine('feedback')).find((r) => r.line === 3)?.raw, 'f3,"so, so",11');
    assert.equal(await b.count('feedback'), 3);
  });

  test('a header-only file is fine (0 rows); an empty file, Latin-1 and UTF-16 files are errors naming the file', async () => {
    const header = b.write('empty-ok-customers.csv', 'customer_id,country\n');
    const r = await b.ingest([header]);
    assert.deepEqual([r.files[0]?.rows, r.files[0]?.ingested], [0, 0]);
    const fails = async (name: string, content: Buffer, code: string, text: RegExp): Promise<void> => {
      const p = b.write(name, content);
      await assert.rejects(b.ingest([p]), (e: unknown) => {
        assert.ok(isProblem(e), String(e));
        assert.equal(e.code, code);
        assert.ok(e.message.includes(p), e.message);
        assert.match(e.message, text);
        return true;
      });
    };
    await fails('empty-customers.csv', Buffer.alloc(0), 'ingest/empty-file', /empty/);
    await fails('blank-customers.csv', Buffer.from('\n\n'), 'ingest/empty-file', /empty/);
    await fails('latin1-customers.csv', Buffer.from('customer_id,city\nc1,M\xfcnchen\nc2,K\xf6ln\nc3,D\xfcsseldorf\nc4,Gie\xdfen\n', 'latin1'), 'ingest/encoding', /Latin-1/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('customer_id,city\nc1,Köln\n', 'utf16le')]);
    await fails('utf16-customers.csv', utf16, 'ingest/encoding', /UTF-16/);
    await fails('utf16nobom-customers.csv', Buffer.from('customer_id,city\nc1,Köln\n', 'utf16le'), 'ingest/encoding', /UTF-16/);
    // nothing was loaded by the failed ingests
    assert.equal(await b.count(`customers WHERE __file LIKE '%latin1%' OR __file LIKE '%utf16%'`), 0);
  });
});

describe('many rejects in a single-read file', () => {
  test('70 ragged lines among good ones: every line number is exact (reject runs past the inline CASE)', async () => {
    const b = await openBench();
    try {
      const lines = ['ticket_id,customer_id,opened_at,minutes_spent'];
      const want: string[] = [];
      for (let i = 1; i <= 210; i++) {
        if (i % 3 === 0) lines.push(`t${i},c1`); // ragged
        else if (i % 50 === 1) lines.push(`t${i},c1,2024-01-01,-5`); // out of range
        else lines.push(`t${i},c1,2024-01-01,${i}`);
        if (i % 3 === 0) want.push(`${i + 1}:ragged-line`);
        else if (i % 50 === 1) want.push(`${i + 1}:out-of-range`);
      }
      await b.ingest([b.write('customers.csv', 'customer_id\nc1\n')]);
      const report = await b.ingest([b.write('tickets.csv', lines.join('\n') + '\n')]);
      assert.ok(addsUp(report));
      assert.deepEqual(codes(await b.quarantine('tickets'), 'tickets.csv'), want);
      const rows = await b.rows(`SELECT ticket_id, __line FROM tickets`);
      assert.equal(rows.length, 210 - want.length);
      for (const r of rows) assert.equal(Number(r['__line']), Number(String(r['ticket_id']).slice(1)) + 1, String(r['ticket_id']));
    } finally {
      await b.close();
    }
  });
});
