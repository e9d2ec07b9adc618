// Test helper: the data-driven persona that is most purely one planted (non-negative) persona, and that persona's planted awareness channel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';

export interface TruthPersona { key: string; negative: boolean; preferred_channels: Record<string, { channel: string; share: number }> }
export interface Planted { segment: string; purity: number; persona: TruthPersona; truth: TruthPersona[]; right: string; wrong: string }

export async function plantedSegment(engine: Engine, exportsDir: string, version = 1): Promise<Planted> {
  const truth = (JSON.parse(readFileSync(join(exportsDir, 'truth', 'personas.json'), 'utf8')) as { personas: TruthPersona[] }).personas;
  const who = new Map<string, string>();
  for (const line of readFileSync(join(exportsDir, 'truth', 'customers.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id = '', key = ''] = line.split(',');
    who.set(id, key);
  }
  const rows = await engine.all<{ p: string; c: string }>(`SELECT persona_id AS p, customer_id AS c FROM _assignments WHERE version = $v`, { v: version });
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = counts.get(r.p) ?? new Map<string, number>();
    const key = who.get(r.c) ?? '?';
    m.set(key, (m.get(key) ?? 0) + 1);
    counts.set(r.p, m);
  }
  const best = [...counts]
    .map(([p, m]) => {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      const [key, n] = [...m].sort((a, b) => b[1] - a[1])[0] ?? ['?', 0];
      return { p, key, purity: n / total };
    })
    .filter((x) => truth.some((t) => t.key === x.key && !t.negative))
    .sort((a, b) => b.purity - a.purity)[0];
  if (!best) throw new Error('no data-driven persona matches a planted one');
  const persona = truth.find((t) => t.key === best.key) as TruthPersona;
  const right = persona.preferred_channels['awareness']?.channel ?? '';
  // a wrong claim with real numbers: the channel another planted persona is found through (common overall, rare in this segment)
  const wrong = truth.map((t) => t.preferred_channels['awareness']?.channel ?? '').find((ch) => ch && ch !== right) ?? 'event';
  return { segment: best.p, purity: best.purity, persona, truth, right, wrong };
}
