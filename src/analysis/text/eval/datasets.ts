// Readers for the labelled public data sets used to evaluate this folder (read-only files under /work/shared/datasets).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedbackRow } from '../corpus.js';

export const DATASETS_DIR = process.env['ARCHETYPE_DATASETS'] ?? '/work/shared/datasets';

/** RFC 4180 records (quoted fields may hold delimiters, quotes and line breaks); BOM and CRLF tolerated. */
export function parseDelimited(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function records(file: string, delimiter: string): Record<string, string>[] {
  const [header, ...rows] = parseDelimited(readFileSync(file, 'utf8'), delimiter);
  if (!header) return [];
  return rows
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

export const hasDatasets = (): boolean => existsSync(join(DATASETS_DIR, 'airline-tweets', 'Tweets.csv'));

export interface AirlineTweet {
  index: number;
  sentiment: 'negative' | 'neutral' | 'positive';
  reason: string;
  airline: string;
  user: string;
  text: string;
}

export function readAirlineTweets(): AirlineTweet[] {
  return records(join(DATASETS_DIR, 'airline-tweets', 'Tweets.csv'), ',').map((r, index) => ({
    index,
    sentiment: r['airline_sentiment'] as AirlineTweet['sentiment'],
    reason: r['negativereason'] ?? '',
    airline: r['airline'] ?? '',
    user: r['name'] ?? '',
    text: r['text'] ?? '',
  }));
}

export interface AlexaReview {
  index: number;
  rating: number;
  variation: string;
  text: string;
}

export function readAlexaReviews(): AlexaReview[] {
  return records(join(DATASETS_DIR, 'amazon-alexa-reviews', 'amazon_alexa.tsv'), '\t').map((r, index) => ({
    index,
    rating: Number(r['rating']),
    variation: (r['variation'] ?? '').replace(/\s+/g, ' ').trim(),
    text: r['verified_reviews'] ?? '',
  }));
}

export interface NpsVerbatim {
  index: number;
  stage: string;
  bucket: string;
  score: number | null;
  text: string;
}

export function readNpsVerbatims(): NpsVerbatim[] {
  return records(join(DATASETS_DIR, 'nps-verbatims', 'nps_verbatims.csv'), ',').map((r, index) => ({
    index,
    stage: r['SURVEY_SUB_TYPE'] ?? '',
    bucket: r['NPS_RATING'] ?? '',
    score: r['NPS_SCORE'] === '' || r['NPS_SCORE'] === undefined ? null : Number(r['NPS_SCORE']),
    text: r['text'] ?? '',
  }));
}

/** Deterministic dev/test split by row index: rules were tuned on 'dev' only, figures are reported on 'test'. */
export const isDevRow = (index: number): boolean => ((Math.imul(index ^ 0x5bd1e995, 0x9e3779b1) >>> 16) & 1) === 0;

/** Airline and brand words left out of airline themes (every tweet names its airline). */
export const AIRLINE_TERMS = ['united', 'usairways', 'americanair', 'southwestair', 'jetblue', 'virginamerica', 'delta', 'southwest', 'american', 'virgin', 'america', 'airways', 'airlines', 'airline', 'flight', 'flights', 'fly', 'flying'];

/** Airline tweets as feedback rows: negative ones grouped by negative reason, or all grouped by airline. */
export function airlineRows(by: 'reason' | 'airline'): FeedbackRow[] {
  return readAirlineTweets()
    .filter((t) => by === 'airline' || (t.sentiment === 'negative' && t.reason !== ''))
    .map((t) => ({ feedback_id: `tweet-${t.index}`, text: t.text, group: by === 'reason' ? t.reason : t.airline, customer_id: t.user }));
}

