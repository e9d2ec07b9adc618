// Scrubs personal data (emails, phones, cards, personal URLs, handles, addresses, names) from text that may be shown.
import { findNames } from './pii-names.js';
import type { Span } from './pii-names.js';

export type PiiKind = 'email' | 'phone' | 'card' | 'url' | 'handle' | 'address' | 'number' | 'name';

export interface PiiFinding extends Span {
  readonly kind: PiiKind;
}

export interface PiiOptions {
  /** words never taken for a personal name or handle: brands, products, the company's own accounts */
  readonly keep?: readonly string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const EMAIL_SPELLED = /\b[\w+-]+(?:\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*[\w+-]+)*\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[\w-]+\s*(?:(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*[\w-]+)+\b/giu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|uk|de|fr|me|ly|gl|be|us|ca|au|info|biz)\/[^\s<>"]*/giu;
// Hosts whose paths name or lead to a person: social networks, short links, file and photo shares.
const PERSONAL_HOSTS =
  /(?:^|\.)(?:facebook|fb|instagram|twitter|x|linkedin|tiktok|youtube|youtu|pinterest|reddit|github|medium|t|bit|goo|tinyurl|ow|buff|dropbox|drive\.google|docs\.google|photos\.google|imgur|flickr|twitpic|instagr|wa|m\.me|calendly|paypal|venmo|cash)\.[a-z.]+$/i;
const PERSONAL_PATH = /\/(?:users?|u|profiles?|people|members?|in|accounts?|my|me|customers?|orders?|~[^/]+|@[^/]+)(?:\/|$)|[?&#]|\d{5,}|@/i;
// 4-4-4-4(-3) with one kind of separator, Amex's 4-6-5, or 13–19 digits in a row.
const CARD = /(?<![\p{N}])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{1,7}|\d{4}[ -]\d{6}[ -]\d{5}|\d{13,19})(?![\p{N}])/gu;
const PHONE = /(?<![\p{L}\p{N}$€£¥#.,/:-])(?:\+|00)?\(?\p{N}[\p{N} ().-]{4,22}\p{N}\)?(?![\p{L}\p{N}]|[.,]\p{N})/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[A-Za-z0-9_]{1,30}\b/gu;
const ADDRESS =
  /\b\d{1,5}[a-z]?\s+(?:[A-Z][\p{Ll}]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Close|Court|Ct|Way|Place|Pl|Crescent|Terrace|Gardens|Square|Sq)\b\.?/gu;
const POSTCODE_UK = /\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b/g;

/** A phone-number candidate that is really a date, a year range, a decimal or a short list of numbers is rejected. */
function phoneKind(raw: string): PiiKind | undefined {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  const trimmed = raw.trim();
  if (/^\d{4}[-.]\d{1,2}[-.]\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$/.test(trimmed)) return undefined;
  const groups = trimmed.split(/[\s().-]+/).filter((g) => g !== '');
  const international = /^(?:\+|00)/.test(trimmed);
  if (groups.length === 1) return international || /^0\d{9,12}$/.test(digits) ? 'phone' : 'number';
  if (groups.length === 2 && /^(?:19|20)\d\d$/.test(groups[0] as string) && /^(?:19|20)\d\d$/.test(groups[1] as string)) return undefined;
  if (groups.length === 2 && /^\d+\.\d+$/.test(trimmed)) return undefined; // a decimal
  // "1 2 3 4 5 6 7" is a list; a phone has at most a one-digit country or trunk code
  if (groups.some((g, i) => g.length === 1 && i > (international ? 1 : 0))) return undefined;
  if (groups.length === 2 && !international && digits.length < 9 && !/^\d{3}[ .-]\d{4}$/.test(trimmed)) return undefined;
  return 'phone';
}

function collect(re: RegExp, text: string, kind: PiiKind | ((m: string) => PiiKind | undefined), out: PiiFinding[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const k = typeof kind === 'string' ? kind : kind(m[0]);
    if (k !== undefined) out.push({ kind: k, start: m.index, end: m.index + m[0].length });
  }
}

function urlKind(raw: string): PiiKind | undefined {
  const m = /^(?:https?:\/\/)?([^/?#]+)(.*)$/i.exec(raw.replace(/[.,;:!?)]+$/, ''));
  const host = (m?.[1] ?? '').toLowerCase().replace(/^www\./, '');
  const rest = m?.[2] ?? '';
  if (rest === '' || rest === '/') return undefined;
  return PERSONAL_HOSTS.test(host) || PERSONAL_PATH.test(rest) ? 'url' : undefined;
}

/** Every piece of personal data found, in text order, overlaps resolved (earlier detectors win). */
export function findPii(text: string, options: PiiOptions = {}): PiiFinding[] {
  const keep = new Set((options.keep ?? []).map((k) => k.toLowerCase().replace(/^@/, '')));
  const raw: PiiFinding[] = [];
  const safe: Span[] = [];
  collect(EMAIL, text, 'email', raw);
  collect(EMAIL_SPELLED, text, 'email', raw);
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m !== null; m = URL.exec(text)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (urlKind(m[0]) === 'url') raw.push({ kind: 'url', ...span });
    else safe.push(span); // a link without personal parts stays, and no detector may take digits inside it
  }
  collect(IBAN, text, 'number', raw);
  collect(CARD, text, (m) => (m.replace(/\D/g, '').length >= 13 ? 'card' : undefined), raw);
  collect(PHONE, text, phoneKind, raw);
  collect(HANDLE, text, (m) => (keep.has(m.slice(1).toLowerCase()) ? undefined : 'handle'), raw);
  collect(ADDRESS, text, 'address', raw);
  collect(POSTCODE_UK, text, 'address', raw);
  for (const s of findNames(text, options)) raw.push({ kind: 'name', ...s });
  const taken: PiiFinding[] = [];
  const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
  for (const f of raw) {
    if (!taken.some((t) => overlaps(f, t)) && !safe.some((t) => overlaps(f, t))) taken.push(f);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** The text with personal data replaced by placeholders: [email], [phone], [card], [url], [handle], [address], [number], [name]. */
export function scrubPii(text: string, options: PiiOptions = {}): string {
  const found = findPii(text, options);
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + `[${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/** True when the text still holds personal data (for tests of published output). */
export function containsPii(text: string, options: PiiOptions = {}): boolean {
  return findPii(text, options).length > 0;
}
