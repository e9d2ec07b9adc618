// Does tagging only a sample with wink-nlp change the themes? Compares top themes (airline tweets by negative reason)
// with parts of speech from all sentences, from the default 10 000-sentence sample, and with no tagging at all.
// Run: npx tsx src/analysis/text/eval/pos-sample-eval.ts
import { buildCorpus } from '../corpus.js';
import { extractThemes } from '../themes.js';
import { AIRLINE_TERMS, airlineRows } from './datasets.js';

const rows = airlineRows('reason');
const run = (posSample: number): { themes: string[][]; ms: number } => {
  const t = Date.now();
  const corpus = buildCorpus(rows, { posSample, stopTerms: AIRLINE_TERMS });
  const themes = extractThemes(corpus, Int32Array.from(corpus.sentenceText.keys()), { maxThemes: 10, quotes: 0 });
  return { themes: themes.map((g) => g.map((t) => t.phrase)), ms: Date.now() - t };
};
const full = run(1e9);
for (const [name, n] of [['10 000 sampled sentences', 10_000], ['2 000 sampled sentences', 2_000], ['no tagging (stop list only)', 0]] as const) {
  const other = run(n);
  let same = 0;
  let total = 0;
  full.themes.forEach((g, i) => {
    const o = new Set(other.themes[i]);
    same += g.filter((p) => o.has(p)).length;
    total += g.length;
  });
  console.log(`${name}: ${((100 * same) / total).toFixed(0)}% of the top-10 themes equal to full tagging (${other.ms} ms vs ${full.ms} ms); e.g. ${other.themes[0]?.slice(0, 6).join(', ')}`);
}
console.log(`full tagging: e.g. ${full.themes[0]?.slice(0, 6).join(', ')}`);
