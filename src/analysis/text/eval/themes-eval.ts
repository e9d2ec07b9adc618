// Prints the top themes of airline tweets grouped by negative reason and by airline (c-TF-IDF across groups).
// Run: npx tsx src/analysis/text/eval/themes-eval.ts [reason|airline|alexa|nps]
import { buildCorpus } from '../corpus.js';
import type { FeedbackRow } from '../corpus.js';
import { extractThemes } from '../themes.js';
import { AIRLINE_TERMS, airlineRows, readAlexaReviews, readNpsVerbatims } from './datasets.js';

const mode = process.argv[2] ?? 'reason';
const rows: FeedbackRow[] =
  mode === 'alexa'
    ? readAlexaReviews().map((r) => ({ feedback_id: `review-${r.index}`, text: r.text, group: r.rating >= 4 ? 'positive (4-5)' : r.rating <= 2 ? 'negative (1-2)' : 'neutral (3)', rating: r.rating }))
    : mode === 'nps'
      ? readNpsVerbatims().map((r) => ({ feedback_id: `nps-${r.index}`, text: r.text, group: r.bucket || 'unknown', stage: r.stage }))
      : airlineRows(mode === 'airline' ? 'airline' : 'reason');
let t = Date.now();
const corpus = buildCorpus(rows, { stopTerms: mode === 'alexa' ? ['alexa', 'echo', 'amazon'] : mode === 'nps' ? ['company'] : AIRLINE_TERMS });
const tb = Date.now() - t;
t = Date.now();
const all = Int32Array.from(corpus.sentenceText.keys());
const themes = extractThemes(corpus, all, { maxThemes: 8, quotes: 1, quoteOptions: { pii: { keep: AIRLINE_TERMS } } });
console.log(`corpus ${tb} ms, themes ${Date.now() - t} ms, ${rows.length} rows, ${corpus.sentenceText.length} sentences`);
[...corpus.groups, 'all'].forEach((g, i) => {
  console.log(`\n## ${g}`);
  for (const th of themes[i] ?? []) console.log(`  ${th.phrase.padEnd(22)} n=${th.customers} share=${th.share.toFixed(2)} lift=${th.lift.toFixed(1)} sent=${th.sentiment.toFixed(2)}  "${th.quotes[0]?.text ?? ''}"`);
});
