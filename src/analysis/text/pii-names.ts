// Personal names in common patterns ("my name is Jane Doe", "Thanks, Jane", "Hi Jane,", "- Jane D.", "agent Jane") as spans.
import { AFINN } from './afinn.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

// Capitalised words that follow the cues below but are not names.
const NOT_NAMES = new Set(
  (
    'a an the i me my mine we us our you your yours he him his she her they them their it its this that these those ' +
    'there here what who why how when where which all any anyone everyone everybody someone somebody nobody none ' +
    'team guys guy folks people friends sir madam maam ma\'am mam dear customer customers support service services ' +
    'again so much for from to and or but if not just very really still also too only even back done new going ' +
    'glad sure sorry ok okay yes no yeah hey hi hello thanks thank please well now then today tomorrow yesterday ' +
    'tonight morning afternoon evening night week weekend monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december god lord jesus ' +
    'mom mum dad mother father wife husband son daughter kids family everything anything nothing something ' +
    'writing calling emailing wondering trying hoping looking waiting having getting using going coming flying ' +
    'at in on of by with about as after before over under again always never ever one two three first last ' +
    'a lot lots bunch ton kind sort bit little while time times way day days year years month months hour hours ' +
    'amazing awesome great good bad happy tired frustrated disappointed confused excited pleased impressed ' +
    'satisfied unhappy upset angry annoyed shocked stuck stranded afraid worried concerned interested able ' +
    'unable ready done finished home away here online offline mr mrs ms miss dr prof in advance ahead ' +
    'platinum gold silver diamond premier elite member mama papa grandma grandpa granny nana baby honey yup yep ' +
    'nope dude bro man mate buddy pal'
  ).split(' '),
);

// Jane, Smith-Jones, and the Irish and Scottish forms O'Brien, D'Angelo, McDonald, MacLeod
const CAP = String.raw`\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]+(?:(?<=M[a]?c)\p{Lu}[\p{Ll}\p{M}]+)?(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)?(?![\p{L}\p{N}])`;
const ANY = String.raw`[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)?`;
const INITIAL = String.raw`\p{Lu}\.?`;

export interface NameOptions {
  /** words never taken for a name (brands, product names), compared case-insensitively */
  readonly keep?: readonly string[];
}

const isNameWord = (w: string, keep: ReadonlySet<string>): boolean => {
  const l = w.toLowerCase().replace(/’/g, "'");
  return !NOT_NAMES.has(l) && !keep.has(l) && !AFINN.has(l);
};

interface Cue {
  readonly re: RegExp;
  /** the name need not be capitalised ("my name is jane") */
  readonly anyCase?: boolean;
}

// "agent|rep" → "[Aa]gent|[Rr]ep": cue words in either case while the name itself must be capitalised.
const ci = (alts: string): string => alts.replace(/(^|\|)(\p{L})/gu, (_, bar: string, c: string) => `${bar}[${c.toUpperCase()}${c.toLowerCase()}]`);
const ROLES = ci(
  'agent|rep|representative|advisor|adviser|engineer|technician|tech|manager|supervisor|driver|attendant|captain|pilot|' +
    'steward|stewardess|host|hostess|cashier|clerk|assistant|associate|consultant|colleague',
);

// Each cue captures the text before the name in group 1 and the first name word in group 2.
const CUES: readonly Cue[] = [
  { re: new RegExp(String.raw`(\b(?:my name is|my name's|my names|name:|i am called|i'm called)\s+)(${ANY})`, 'giu'), anyCase: true },
  { re: new RegExp(String.raw`(\b(?:${ci("i'm|i’m|im|i am|this is|it's|it’s")})\s+)(${CAP})(?=\s+(?:from|here|speaking|and|at|with)\b|\s*[,.!]|\s*$)`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:${ci('thanks|thank you|thx|ty|cheers|regards|kind regards|sincerely')})(?: again| so much| a lot)?,?\s+(?:to\s+)?)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`((?:^|\n|[.!]\s+)(?:${ci('best|best wishes|yours|love|signed')}),\s*)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`((?:^|[.!?]\s+|\n)(?:${ci('hi|hello|hey|dear|good morning|good afternoon|good evening')}),?\s+)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir)\.?\s+)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:${ci('spoke|speak|speaking|talked|talking|chatted|dealt')})\s+(?:to|with)\s+)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:${ci('named|ask for|asked for')})\s+)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:${ci('guy|lady|man|woman|gentleman|girl|boy|person|someone|somebody|chap|fellow')}) called\s+)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:${ROLES})\s+)(${CAP})`, 'gu') },
  { re: new RegExp(String.raw`(\b(?:${ci('kudos|shout out|shoutout|props|hats off|big thanks|special thanks')})\s+to\s+)(${CAP})`, 'gu') },
  {
    re: new RegExp(String.raw`(\b(?:${ci('my|our')})\s+(?:husband|wife|partner|son|daughter|mother|father|mum|mom|dad|sister|brother|boss|friend|colleague|neighbour|neighbor|grandson|granddaughter|fiancé|fiance|fiancée|boyfriend|girlfriend)\s+)(${CAP})`, 'gu'),
  },
  // a person described as people are ("Jane was very helpful", "Ladan has been nice"), or placed at a desk
  {
    re: new RegExp(String.raw`((?:^|[.!?,;]\s+|\b(?:and|but|thankfully|luckily|today|yesterday)\s+))(${CAP})(?=\s+(?:was|is|has been|had been|were)\s+(?:so\s+|very\s+|really\s+|extremely\s+|super\s+|incredibly\s+)?(?:helpful|unhelpful|friendly|unfriendly|rude|polite|kind|patient|courteous|knowledgeable|lovely|sweet|nice|professional)\b)`, 'gu'),
  },
  { re: new RegExp(String.raw`((?:^|[.!?,;]\s+|\b(?:and|but)\s+))(${CAP})(?=\s+at\s+the\s+(?:gate|desk|front desk|counter|check-in|checkin|store|shop|branch|reception)\b)`, 'gu') },
  { re: new RegExp(String.raw`(^|[.!?]\s+)(${CAP})(?=,\s+(?:my|our|the|your)\s+(?:case manager|agent|engineer|advisor|adviser|rep|representative|manager|technician|contact)\b)`, 'gu') },
];

// Signatures at the end of a text: "- Jane D.", "-- Jane Doe", "~Jane", "^KN" (support agents' initials on Twitter).
const SIGNATURE = new RegExp(String.raw`(?:(?:^|\s)(?:-{1,2}|—|–|~)\s*)(${CAP}(?:\s+(?:${CAP}|${INITIAL}))?)\s*$|\^(\p{Lu}{2,3})\b`, 'gu');
const NEXT_NAME = new RegExp(String.raw`^\s+(${CAP}|\p{Lu}\.(?=\s|$)|\p{Lu}(?=\s+\p{Lu}|\s*$))`, 'u');

/** Spans of personal names found by pattern; the cue word ("Thanks,", "Mr") is kept, the name is not. */
export function findNames(text: string, options: NameOptions = {}): Span[] {
  const keep = new Set((options.keep ?? []).map((k) => k.toLowerCase()));
  const spans: Span[] = [];
  for (const cue of CUES) {
    cue.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = cue.re.exec(text)) !== null) {
      const first = m[2] as string;
      if (!isNameWord(first, keep) && !(cue.anyCase && !NOT_NAMES.has(first.toLowerCase()))) continue;
      const start = m.index + (m[1] as string).length;
      let end = start + first.length;
      // a surname or initial right after ("Jane Doe", "Jane D.")
      for (let k = 0; k < 2; k++) {
        const next = NEXT_NAME.exec(text.slice(end));
        if (!next || !isNameWord((next[1] as string).replace('.', ''), keep)) break;
        end += (next[0] as string).length;
      }
      spans.push({ start, end });
    }
  }
  SIGNATURE.lastIndex = 0;
  let s: RegExpExecArray | null;
  while ((s = SIGNATURE.exec(text)) !== null) {
    const name = (s[1] ?? s[2]) as string;
    const words = name.split(/\s+/);
    if (s[1] !== undefined && !words.every((w) => /^\p{Lu}\.?$/u.test(w) || isNameWord(w, keep))) continue;
    const start = s.index + (s[0] as string).indexOf(name);
    spans.push({ start, end: start + name.length });
  }
  return spans;
}
