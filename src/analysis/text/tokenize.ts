// A fast word tokenizer for bulk text: a character scanner for words and numbers, sticky regexes for the rare rest.

export type TokenKind = 'word' | 'number' | 'mention' | 'hashtag' | 'url' | 'email' | 'emoji' | 'punct' | 'placeholder';

export interface Token {
  /** lower-cased, apostrophes normalised to ' */
  readonly norm: string;
  readonly kind: TokenKind;
  /** written in capitals (two letters or more): emphasis for sentiment */
  readonly caps: boolean;
}

const PLACEHOLDER = /\[(?:email|phone|name|url|card|address|handle|number)\]/y;
const URL = /(?:https?:\/\/|www\.)[^\s]+/y;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy;
const TAG = /[@#]\w+/y;
const EMOTICON = /(?:[:;=][-o*']?[)(\][dDpP/\\|@3]|[)(\][dDpP/\\|][-o*']?[:;=]|<3)(?![\p{L}\p{N}])/uy;
const NUMBER = /\p{N}+(?:[.,:/]\p{N}+)*(?:st|nd|rd|th|am|pm|h|hr|hrs|k|m|s|x|gb|mb|min|mins)?(?!\p{L})/uy;
const WORD = /\p{L}[\p{L}\p{M}\p{N}]*(?:['’\ufffd-][\p{L}\p{M}\p{N}]+)*/uy;
const EMOJI = /\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic}|\ufe0f)*/uy;
const PUNCT = /[!?]+|--|[.,;:…()"“”—–]/y;
const IS_LETTER = /\p{L}/u;
const HAS_UPPER = /\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

const sticky = (re: RegExp, text: string, at: number): string | null => {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
};

const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function wordToken(raw: string): Token {
  let lower = raw.toLowerCase();
  if (lower.includes('’') || lower.includes('\ufffd')) lower = lower.replace(/[’\ufffd]/g, "'");
  const caps = raw.length > 1 && raw !== lower && !HAS_LOWER.test(raw) && HAS_UPPER.test(raw);
  return { norm: lower, kind: 'word', caps };
}

/** An ASCII word ending at a space or ASCII punctuation: the common case, scanned without a regex. */
function asciiWord(text: string, i: number): Token | null {
  const n = text.length;
  let j = i;
  let upper = 0;
  let lower = 0;
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (!isDigit(c)) break;
  }
  if (j < n) {
    const c = text.charCodeAt(j);
    // apostrophes, hyphens and non-ASCII letters need the full word pattern
    if (c === 39 || c === 45 || c > 127) return null;
  }
  const raw = text.slice(i, j);
  return { norm: upper ? raw.toLowerCase() : raw, kind: 'word', caps: upper > 1 && lower === 0 };
}

/** Tokens of one text, in order. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  const hasAt = text.includes('@');
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    let m: string | null = null;
    let kind: TokenKind = 'word';
    if (isAsciiLetter(c) || (c > 127 && IS_LETTER.test(text[i] as string))) {
      // e-mail and links start like words: look for them only when the chunk holds '@' or starts like a link
      if (hasAt && (m = sticky(EMAIL, text, i)) !== null) kind = 'email';
      else if ((c === 104 || c === 119 || c === 72 || c === 87) && (m = sticky(URL, text, i)) !== null) kind = 'url';
      else {
        const fast = c < 128 ? asciiWord(text, i) : null;
        if (fast !== null) {
          out.push(fast);
          i += fast.norm.length;
          continue;
        }
        m = sticky(WORD, text, i);
        if (m !== null) {
          out.push(wordToken(m));
          i += m.length;
          continue;
        }
      }
    } else if (isDigit(c) || (c > 127 && /\p{N}/u.test(text[i] as string))) {
      if (hasAt && (m = sticky(EMAIL, text, i)) !== null) kind = 'email';
      else if ((m = sticky(NUMBER, text, i)) !== null) kind = 'number';
      else if ((m = sticky(WORD, text, i)) !== null) kind = 'word';
    } else if (c === 64 || c === 35) {
      if ((m = sticky(TAG, text, i)) !== null) kind = c === 64 ? 'mention' : 'hashtag';
    } else if (c === 91 && (m = sticky(PLACEHOLDER, text, i)) !== null) kind = 'placeholder';
    if (m === null && (m = sticky(EMOTICON, text, i)) !== null) kind = 'emoji';
    if (m === null && c > 127 && (m = sticky(EMOJI, text, i)) !== null) kind = 'emoji';
    if (m === null && (m = sticky(PUNCT, text, i)) !== null) kind = 'punct';
    if (m === null) {
      i++;
      continue;
    }
    if (kind === 'word') out.push(wordToken(m));
    else out.push({ norm: kind === 'emoji' ? m.replace(/\ufe0f/g, '').toLowerCase() : m.toLowerCase(), kind, caps: false });
    i += m.length;
  }
  return out;
}

/** Lower-cased word tokens only (no numbers, mentions, urls, emoji or punctuation). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (t.kind === 'word') out.push(t.norm);
  return out;
}
