// AFINN-165 word list and emoji valences from the `sentiment` package, plus its plain scorer as a baseline.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function toMap(raw: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'number') out.set(k, v);
  }
  return out;
}

/** AFINN-165: ~3,400 English words scored −5…+5. */
export const AFINN: ReadonlyMap<string, number> = toMap(require('sentiment/languages/en/labels.json'));

/** Emoji valences (Emoji Sentiment Ranking, scaled by the `sentiment` package) and common emoticons. */
export const EMOJI: ReadonlyMap<string, number> = new Map([
  ...toMap(require('sentiment/build/emoji.json')),
  ...Object.entries({ ':)': 2, ':-)': 2, '=)': 2, ':d': 3, ':-d': 3, ';)': 1, ';-)': 1, ':(': -2, ':-(': -2, ":'(": -2, ':/': -1, ':-/': -1, '<3': 3, ':p': 1 }),
]);

interface SentimentPackage {
  analyze(text: string): { score: number };
}
const SentimentCtor = require('sentiment') as new () => SentimentPackage;
let plain: SentimentPackage | undefined;

/** The `sentiment` package's plain AFINN score (sum of word valences, one-word negation), squashed to [-1, 1]. */
export function plainAfinn(text: string): number {
  plain ??= new SentimentCtor();
  const raw = plain.analyze(text).score;
  return raw / Math.sqrt(raw * raw + 15);
}
