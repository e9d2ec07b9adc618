// Parameters rendered as ClickHouse literals, statements split outside quotes, TSV values decoded by type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderParams, rewriteSimpleCase, splitStatements, stringLiteral, wrapDistributedJoins } from './clickhouse-sql.js';
import { decodeField } from './clickhouse-values.js';
import { parseClickHouseUrl } from './clickhouse-url.js';

test('parameters become escaped literals; quoted text and comments are left alone', () => {
  assert.equal(
    renderParams(`SELECT $a, '$a', "$a", $b, $c -- $a\n, $d, $e`, { a: "it's \\ x", b: 3, c: 1.5, d: null, e: true }),
    `SELECT 'it\\'s \\\\ x', '$a', "$a", 3, toFloat64(1.5) -- $a\n, NULL, 1`,
  );
  assert.throws(() => renderParams('SELECT $missing', { other: 1 }), /no value for parameter \$missing/);
  assert.equal(stringLiteral('a\nb'), `'a\nb'`);
});

test('statements split at top-level semicolons only', () => {
  assert.deepEqual(splitStatements(`CREATE TABLE a (x String); INSERT INTO a VALUES ('x;y');\n-- c;\n;DROP TABLE "b;c"`), [
    'CREATE TABLE a (x String)',
    `INSERT INTO a VALUES ('x;y')`,
    '-- c;',
    'DROP TABLE "b;c"',
  ]);
});

test('TSV fields decode by type: NULL, numbers, timestamps, escapes, arrays and tuples', () => {
  assert.equal(decodeField('Nullable(String)', '\\N'), null);
  assert.equal(decodeField('String', 'a\\tb\\\\c\\nd\\\'e'), "a\tb\\c\nd'e");
  assert.equal(decodeField('UInt64', '18446744073'), 18446744073);
  assert.ok(Number.isNaN(decodeField('Float64', 'nan') as number));
  assert.equal(decodeField('Nullable(DateTime)', '2024-05-01 08:00:00'), '2024-05-01T08:00:00.000Z');
  assert.deepEqual(decodeField('Array(String)', `['a\\'b','c\\\\d','e\\tf']`), ["a'b", 'c\\d', 'e\tf']);
  assert.deepEqual(decodeField('Array(Nullable(UInt8))', '[NULL,1]'), [null, 1]);
  assert.deepEqual(decodeField('Array(Array(Int64))', '[[1,2],[]]'), [[1, 2], []]);
  assert.deepEqual(decodeField('Tuple(String, UInt8)', `('x',1)`), ['x', 1]);
});

test('engine URLs: host, port, database, credentials, cluster and nodes', () => {
  assert.deepEqual(parseClickHouseUrl('clickhouse://127.0.0.1:8123/archetype', {}), { url: 'http://127.0.0.1:8123', database: 'archetype' });
  assert.deepEqual(parseClickHouseUrl('clickhouse://ana:s%3Acret@ch.example:8443/shop?secure=1&cluster=prod', {}), {
    url: 'https://ch.example:8443', database: 'shop', username: 'ana', password: 's:cret', cluster: 'prod',
  });
  assert.deepEqual(parseClickHouseUrl('clickhouse://h:1/db?cluster=c&nodes=h:1,h:2', { ARCHETYPE_CLICKHOUSE_PASSWORD: 'pw' }), {
    url: 'http://h:1', database: 'db', password: 'pw', cluster: 'c', nodes: ['http://h:1', 'http://h:2'],
  });
  assert.throws(() => parseClickHouseUrl('clickhouse://h:1/bad-name', {}), /must be letters, digits and _/);
});

test('simple CASE becomes searched CASE (18.16 returns NULL for a simple CASE without a non-NULL ELSE)', () => {
  assert.equal(rewriteSimpleCase(`SELECT CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END AS y`), `SELECT CASE WHEN (x) = (1) THEN 'a' WHEN (x) = (2) THEN 'b' END AS y`);
  assert.equal(
    rewriteSimpleCase(`CASE f(a, 'CASE x WHEN') WHEN 'k' THEN CASE b.c WHEN 0 THEN 1 ELSE 2 END ELSE (CASE WHEN z THEN 3 END) END`),
    `CASE WHEN (f(a, 'CASE x WHEN')) = ('k') THEN CASE WHEN (b.c) = (0) THEN 1 ELSE 2 END ELSE (CASE WHEN z THEN 3 END) END`,
  );
  assert.equal(rewriteSimpleCase(`SELECT (CASE WHEN a THEN 1 ELSE 0 END) FROM t`), `SELECT (CASE WHEN a THEN 1 ELSE 0 END) FROM t`);
});

test('on a cluster, a Distributed table joined from the left is read as a subquery; other reads are left alone', () => {
  const dist = new Set(['feedback', 'events']);
  assert.equal(
    wrapDistributedJoins(`SELECT f.text, a.segment FROM feedback f JOIN "_segment_now" a ON a.customer_id = f.customer_id`, dist),
    `SELECT f.text, a.segment FROM (SELECT * FROM feedback) f JOIN "_segment_now" a ON a.customer_id = f.customer_id`,
  );
  assert.equal(wrapDistributedJoins(`SELECT * FROM "events" AS e LEFT JOIN x USING (customer_id)`, dist), `SELECT * FROM (SELECT * FROM "events") AS e LEFT JOIN x USING (customer_id)`);
  assert.equal(wrapDistributedJoins(`SELECT * FROM events JOIN x USING (customer_id)`, dist), `SELECT * FROM (SELECT * FROM events) AS events JOIN x USING (customer_id)`);
  for (const sql of [
    `SELECT * FROM events e WHERE e.x = 'FROM feedback f JOIN'`,
    `SELECT * FROM x JOIN events e ON e.id = x.id`,
    `SELECT * FROM events e LEFT ARRAY JOIN e.list AS v`,
    `SELECT * FROM (SELECT customer_id FROM events GROUP BY customer_id) p LEFT JOIN customers c USING (customer_id)`,
    `SELECT * FROM orders o JOIN x USING (customer_id)`,
  ]) assert.equal(wrapDistributedJoins(sql, dist), sql);
});
