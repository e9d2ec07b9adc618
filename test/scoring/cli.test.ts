// `archetype score`: output shapes, exit codes, bad input, no persona set, --evaluate against a hand computation, stored thresholds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCORED_COLUMNS } from '../../src/analysis/scoring/scored-csv.js';
import type { LeadScore } from '../../src/analysis/scoring/score-lead.js';
import { openScorer, scoreRecords } from '../../src/repository/lead-scoring.js';
import { allLeadEvidence, blankEvidence, inlineEvidence, leadEvidence, type InlineEvent } from '../../src/analysis/scoring/lead-events.js';
import { scoreEncoded, scratchFor, type EventEvidence } from '../../src/analysis/scoring/score-lead.js';
import { scoreFileInParallel } from '../../src/analysis/scoring/parallel-score.js';
import { ScoredCsvWriter } from '../../src/analysis/scoring/scored-csv.js';
import { scoreLeadFile } from '../../src/analysis/scoring/score-leads.js';
import { effectiveRules } from '../../src/analysis/journeys/stage-rules.js';
import { cli, scoringCompany, type ScoringCompany } from './helpers.js';

interface ScoreJson {
  version: number;
  threshold: number;
  threshold_source: string;
  evidence_source?: string;
  summary: { scored: number; records: number; skipped: number; unknown_columns: string[]; problems: { line: number; code: string; column?: string; skipped: boolean }[] };
  leads: LeadScore[];
}

describe('archetype score', { timeout: 900_000 }, () => {
  let co: ScoringCompany;
  let tmp: string;
  const file = (name: string, text: string): string => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  before(async () => {
    co = await scoringCompany({ customers: 1500, leads: 600, seed: 5 });
    tmp = mkdtempSync(join(tmpdir(), 'archetype-score-cli-'));
  });
  after(() => co?.close());

  test('--out writes every lead with the issue columns; the terminal gets a summary', () => {
    const out = join(tmp, 'scored.csv');
    const r = cli(['score', co.leadsFile, '--out', out], co.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Scored 600 of 600 leads from leads\.csv against persona-set version 1/);
    assert.match(r.stdout, /Wrote 600 scored leads/);
    assert.match(r.stdout, /Lead events: read from the evidence the workspace keeps \(counted at the build/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], SCORED_COLUMNS.join(','));
    assert.equal(lines.length, 601);
    for (const c of ['lead_id', 'persona_id', 'persona_similarity', 'negative_persona_id', 'negative_similarity', 'qualified', 'fit_score', 'stage', 'next_content', 'reasons'])
      assert.ok((SCORED_COLUMNS as readonly string[]).includes(c));
  });

  test('--json: version, threshold and its source, summary and every lead', () => {
    const r = cli(['score', co.leadsFile, '--json'], co.dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as ScoreJson;
    assert.equal(j.version, 1);
    assert.equal(j.threshold_source, 'default');
    assert.equal(j.evidence_source, 'kept');
    assert.equal(j.summary.scored, 600);
    assert.equal(j.leads.length, 600);
    assert.deepEqual(Object.keys(j.leads[0] as object), [
      'lead_id', 'persona_id', 'persona_name', 'persona_similarity', 'negative_persona_id', 'negative_persona_name', 'negative_similarity',
      'qualified', 'fit_score', 'confidence', 'stage', 'next_content', 'reasons', 'missing',
    ]);
    assert.deepEqual(Object.keys(j.leads[0]?.reasons[0] as object), ['text', 'attribute', 'value', 'persona_id', 'lift', 'weight']);
  });

  test('without a file it scores the ingested leads, with the same figures as the file', () => {
    const a = JSON.parse(cli(['score', '--json'], co.dir).stdout) as ScoreJson;
    const b = JSON.parse(cli(['score', co.leadsFile, '--json'], co.dir).stdout) as ScoreJson;
    assert.equal(a.summary.scored, 600);
    const byId = new Map(b.leads.map((l) => [l.lead_id, l]));
    for (const l of a.leads) assert.equal(l.fit_score, byId.get(l.lead_id)?.fit_score);
  });

  test('bad input: unknown columns listed, malformed rows reported by line, bad values scored without them', () => {
    const header = readFileSync(co.leadsFile, 'utf8').split('\n')[0] as string;
    const good = readFileSync(co.leadsFile, 'utf8').split('\n').slice(1, 4);
    const cols = header.split(',');
    const age = cols.indexOf('age');
    const withAge = (line: string, v: string): string => line.split(',').map((x, i) => (i === age ? v : x)).join(',');
    const bad = file('bad.csv', [
      `${header},favourite_colour`,
      `${good[0]},blue`, // 2: fine
      `${good[1]},green,extra`, // 3: ragged
      `,${(good[2] as string).split(',').slice(1).join(',')},red`, // 4: no lead_id
      `${withAge(good[2] as string, 'abc')},red`, // 5: bad age, scored without it
      `${(good[0] as string).replace(/^l\d+/, 'q1')},"unclosed`, // 6: broken quoting to the end
    ].join('\n') + '\n');
    const r = cli(['score', bad, '--json'], co.dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as ScoreJson;
    assert.deepEqual(j.summary.unknown_columns, ['favourite_colour']);
    assert.deepEqual(j.summary.problems.map((p) => [p.line, p.code, p.skipped]), [
      [3, 'ragged-line', true], [4, 'missing-value', true], [5, 'bad-number', false], [6, 'bad-quoting', true],
    ]);
    assert.equal(j.summary.scored, 2);
    assert.equal(j.summary.skipped, 3);
    assert.deepEqual(j.leads.find((l) => l.lead_id === (good[2] as string).split(',')[0])?.missing, ['age']);
    assert.match(r.stderr, /bad\.csv:3: ragged-line: expected \d+ fields, found \d+ — not scored/);
    assert.match(r.stderr, /bad\.csv:5: bad-number \(age\): age: "abc" is not a number; scored without it/);
  });

  test('exit codes: 1 for a missing lead_id column, a missing file or an unknown format; 2 for usage errors', () => {
    const noId = file('noid.csv', 'prospect,country\nx,DE\n');
    let r = cli(['score', noId], co.dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /missing required column\(s\) for leads: lead_id/);
    r = cli(['score', join(tmp, 'nope.csv')], co.dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no such file/);
    r = cli(['score', file('leads.xlsx', 'x')], co.dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown file format/);
    assert.equal(cli(['score', co.leadsFile, '--dry-run'], co.dir).code, 2);
    assert.equal(cli(['score', co.leadsFile, '--show', 'x'], co.dir).code, 2);
  });

  test('a workspace without a persona set scores nothing and says to run archetype build', () => {
    const empty = join(tmp, 'empty');
    assert.equal(cli(['init', empty], tmp).code, 0);
    const r = cli(['score', co.leadsFile], empty);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no persona set yet.*run `archetype build`/);
    assert.equal(r.stdout, '');
  });

  test('the library API scores one lead or a batch, with events inline or from the workspace', async () => {
    const ws = await co.open();
    try {
      const s = await openScorer(ws.engine, ws.config);
      const lead = Object.fromEntries((readFileSync(co.leadsFile, 'utf8').split('\n')[0] as string).split(',').map((h, i) => [h, (readFileSync(co.leadsFile, 'utf8').split('\n')[1] as string).split(',')[i]]));
      const stored = await scoreRecords(ws.engine, s, [lead]);
      assert.equal(stored.scores.length, 1);
      assert.equal(stored.summary.with_events, 1);
      const inline = await scoreRecords(ws.engine, s, [{ ...lead, lead_id: 'new-1', events: [{ stage: 'consideration', channel: 'email', content_type: 'video', occurred_at: '2025-01-01T10:00:00Z' }] }, { lead_id: 'new-2' }]);
      assert.equal(inline.scores[0]?.stage, 'consideration');
      assert.equal(inline.scores[1]?.confidence, 0);
      assert.ok(inline.scores[1]?.missing.length);
    } finally {
      await ws.engine.close();
    }
  });

  test('lead events counted by the engine equal the same events counted in TypeScript (the inline path), and score the same', async () => {
    const ws = await co.open();
    try {
      const s = await openScorer(ws.engine, ws.config);
      const rules = effectiveRules(ws.config.journeys.stage_rules);
      const store = await allLeadEvidence(ws.engine, s.compiled, rules);
      const ids = (await ws.engine.all<{ id: string }>(`SELECT DISTINCT anonymous_id AS id FROM events WHERE anonymous_id IS NOT NULL ORDER BY id LIMIT 40`)).map((r) => r.id);
      assert.ok(ids.length >= 20);
      const few = await leadEvidence(ws.engine, s.compiled, rules, ids);
      const plain = (e: EventEvidence): unknown => ({
        furthest: e.furthest,
        gaps: e.gaps.map((g) => (Number.isNaN(g) ? null : g)),
        cells: Array.from({ length: e.size }, (_, i) => [e.cells[i], e.counts[i]]).sort((x, y) => (x[0] as number) - (y[0] as number)),
      });
      const into = blankEvidence();
      const scratch = scratchFor(s.compiled);
      let withCells = 0;
      for (const id of ids) {
        const rows = await ws.engine.all<InlineEvent & { epoch: number | null }>(
          `SELECT stage, event, url, channel, content_type, session_id, epoch(occurred_at) AS epoch FROM events WHERE anonymous_id = $id`,
          { id },
        );
        const events = rows.map(({ epoch, ...e }) => ({ ...e, occurred_at: epoch === null ? null : new Date(epoch * 1000).toISOString() }));
        const inline = inlineEvidence(s.compiled, rules, events);
        assert.ok(store.fill(id, into), id);
        assert.deepEqual(plain(into), plain(inline), id);
        assert.deepEqual(plain(few.get(id) as EventEvidence), plain(inline), id);
        if (inline.size > 0) withCells++;
        // in cell order both ways: the same score to the last bit
        const levels = new Int32Array(s.compiled.attributes.length).fill(-1);
        const sorted = (e: EventEvidence): EventEvidence => {
          const order = Array.from({ length: e.size }, (_, i) => i).sort((x, y) => (e.cells[x] as number) - (e.cells[y] as number));
          return { ...e, cells: order.map((i) => e.cells[i] as number), counts: order.map((i) => e.counts[i] as number), gaps: [...e.gaps] };
        };
        const a = scoreEncoded(s.compiled, { id, levels: levels.slice(), events: sorted(into) }, s.threshold, scratch);
        const b = scoreEncoded(s.compiled, { id, levels: levels.slice(), events: sorted(inline) }, s.threshold, scratch);
        assert.deepEqual(a, b, id);
      }
      assert.ok(withCells >= 10);
    } finally {
      await ws.engine.close();
    }
  });

  test('two threads write the same CSV and summary as one', async () => {
    const ws = await co.open();
    try {
      const s = await openScorer(ws.engine, ws.config);
      const store = await allLeadEvidence(ws.engine, s.compiled, effectiveRules(ws.config.journeys.stage_rules));
      const into = blankEvidence();
      const one: Buffer[] = [];
      const csv = new ScoredCsvWriter((b) => void one.push(Buffer.from(b)));
      const single = await scoreLeadFile(s.compiled, co.leadsFile, ws.engine, { threshold: s.threshold, evidence: (id) => (store.fill(id, into) ? into : null), onBatch: (b) => csv.write(b) });
      await csv.flush();
      const two: Buffer[] = [];
      const parallel = await scoreFileInParallel(s.compiled, co.leadsFile, { threshold: s.threshold, mapping: {}, store, sink: (b) => void two.push(Buffer.from(b)), minBytes: 0 });
      assert.ok(parallel);
      assert.equal(Buffer.concat(two).toString(), Buffer.concat(one).toString());
      assert.deepEqual(parallel, single);
    } finally {
      await ws.engine.close();
    }
  });

  test('--evaluate equals a hand computation, recalibrates the threshold and stores it with the version', () => {
    const scored = (JSON.parse(cli(['score', co.leadsFile, '--json'], co.dir).stdout) as ScoreJson).leads;
    // 60 leads with an outcome: won when planted qualified, except every 7th flipped; one unknown id, one bad word
    const picked = scored.slice(0, 60);
    const outcome = (l: LeadScore, i: number): boolean => (co.leads.get(l.lead_id)?.qualified ?? false) !== (i % 7 === 3);
    const words = picked.map((l, i) => `${l.lead_id},${outcome(l, i) ? (i % 2 ? 'won' : 'accepted') : i % 2 ? 'lost' : 'rejected'}`);
    const outcomes = file('outcomes.csv', ['lead_id,outcome', ...words, 'ghost,won', `${picked[0]?.lead_id},maybe`].join('\n') + '\n');
    // by hand
    const fit = picked.map((l) => l.fit_score);
    const pos = picked.map(outcome);
    const at = (t: number): { tp: number; fp: number; fn: number } => {
      let tp = 0, fp = 0, fn = 0;
      fit.forEach((f, i) => (f >= t ? (pos[i] ? tp++ : fp++) : pos[i] ? fn++ : 0));
      return { tp, fp, fn };
    };
    const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }): number => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
    const r4 = (x: number): number => Math.round(x * 10000) / 10000;
    const cur = at(0.5);
    let pairs = 0, wins = 0;
    fit.forEach((a, i) => fit.forEach((b, j) => {
      if (pos[i] && !pos[j]) {
        pairs++;
        wins += a > b ? 1 : a === b ? 0.5 : 0;
      }
    }));
    const best = [...new Set(fit)].sort((a, b) => b - a).reduce((m, t) => (f1(at(t)) > f1(at(m)) ? t : m), Math.max(...fit));

    const r = cli(['score', '--evaluate', outcomes, co.leadsFile, '--json', '--by', 'rev-ops'], co.dir);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout) as { evaluation: { matched: number; unmatched: number; current: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }; auc: number; best: { threshold: number; f1: number } }; recalibrated: boolean; threshold_after: number; problems: { line: number; code: string }[] };
    assert.equal(e.evaluation.matched, 60);
    assert.equal(e.evaluation.unmatched, 1);
    assert.deepEqual(e.problems.map((p) => [p.line, p.code]), [[63, 'bad-value']]);
    assert.deepEqual({ tp: e.evaluation.current.tp, fp: e.evaluation.current.fp, fn: e.evaluation.current.fn }, cur);
    assert.equal(e.evaluation.current.precision, r4(cur.tp / (cur.tp + cur.fp)));
    assert.equal(e.evaluation.current.recall, r4(cur.tp / (cur.tp + cur.fn)));
    assert.equal(e.evaluation.current.f1, r4(f1(cur)));
    assert.equal(e.evaluation.auc, r4(wins / pairs));
    assert.equal(e.evaluation.best.threshold, best);
    assert.equal(e.evaluation.best.f1, r4(f1(at(best))));
    assert.equal(e.recalibrated, true);
    assert.equal(e.threshold_after, best);

    // stored and used from now on
    const after = JSON.parse(cli(['score', co.leadsFile, '--json'], co.dir).stdout) as ScoreJson;
    assert.equal(after.threshold, best);
    assert.equal(after.threshold_source, 'recalibrated');
    for (const l of after.leads) assert.equal(l.qualified, l.fit_score >= best);
    // a dry run reports without storing
    const dry = JSON.parse(cli(['score', '--evaluate', outcomes, '--dry-run', '--json'], co.dir).stdout) as { recalibrated: boolean; kept_because: string };
    assert.equal(dry.recalibrated, false);
    assert.equal(dry.kept_because, 'dry run');
    // the stored threshold is a write like any other: one audit entry, none for the dry run
    const audit = JSON.parse(cli(['audit', '--json'], co.dir).stdout) as { entries: { actor: string; action: string; version: number; detail: { threshold_after: number } }[] };
    assert.deepEqual(audit.entries.filter((x) => x.action === 'recalibrate').map((x) => [x.actor, x.version, x.detail.threshold_after]), [['rev-ops', 1, best]]);
    // the terminal report
    const text = cli(['score', '--evaluate', outcomes, '--dry-run'], co.dir);
    assert.match(text.stdout, /ROC AUC of the fit score: /);
    assert.match(text.stderr, /outcomes\.csv:63: bad-value \(outcome\)/);
  });

  test('thresholds are versioned with the persona set: a new build starts from the default', () => {
    assert.equal(cli(['build'], co.dir).code, 0);
    const v2 = JSON.parse(cli(['score', co.leadsFile, '--json', '--show', '0'], co.dir).stdout) as ScoreJson;
    assert.equal(v2.version, 2);
    assert.equal(v2.threshold_source, 'default');
    const v1 = JSON.parse(cli(['score', co.leadsFile, '--json', '--version', '1'], co.dir).stdout) as ScoreJson;
    assert.equal(v1.threshold_source, 'recalibrated');
  });
});
