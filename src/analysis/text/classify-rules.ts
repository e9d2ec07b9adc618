// Cue patterns for sentence classes (goal, pain point, question, motivation, objection), each with a weight.

export type Cue = readonly [RegExp, number];

const words = (alts: string): string => alts.trim().split(/\s*\|\s*/).join('|');

/** Interrogative openings: wh-words and auxiliaries, as the first word (after an @handle or greeting). */
export const QUESTION_START = new RegExp(
  String.raw`^(?:(?:@\w+\s+)*)(?:(?:hi|hello|hey|ok|okay|so|and|but|also|please|quick question)[,!]?\s+)?(?:` +
    words(`what|why|how|when|where|which|who|whom|whose|is|are|am|was|were|do|does|did|can|could|will|would|should|shall|
      has|have|had|may|might|any|anyone|anybody|isn't|aren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|
      shouldn't|hasn't|haven't|wasn't|weren't`) +
    String.raw`)\b`,
  'i',
);
/** "What a joke", "how nice", "can't wait": exclamations that open like questions. */
export const NOT_QUESTION = /^(?:(?:@\w+\s+)*)(?:what an? |how (?:nice|great|lovely|sad|awful|cool|wonderful|kind|ridiculous)\b|can'?t wait|can'?t believe|why not\b|who knew)/i;

export const QUESTION_CUES: readonly Cue[] = [
  [/\b(?:i was wondering|i'm wondering|wondering (?:if|whether|when|how|why|what)|i(?:'d| would) like to know|(?:can|could) (?:you|someone|anyone) (?:tell|let|explain|confirm|advise|help)|please (?:let me know|advise|confirm|tell me) (?:if|whether|when|how|what|why|where)|any idea|anyone know|does anyone|has anyone|is there (?:a|any) way|not sure (?:how|where|when|what|whether|if) (?:to|i)|need to know (?:if|whether|when|how|what|why|where))\b/i, 2.5],
];

export const GOAL_CUES: readonly Cue[] = [
  [/\b(?:would|'d) (?:like|love) (?:my|our|the|a|an|it|them|to)\b/i, 2],
  [/\b(?:i|we|i'd|we'd|i'm|we're|just|really|who|they)\s*(?:really\s+|just\s+|also\s+|only\s+)?(?:want|wanted|need|needed|would like|'d like|would love|'d love|wish|hope|hoping|plan|planning|aim|aiming|intend|try|trying|look|looking|am looking|are looking)\s+(?:to|for)\b/i, 2],
  [/\b(?:looking for|looking to|trying to|hoping to|plan to|planning to|so that (?:i|we|you|they|my|our) (?:can|could)|so (?:i|we) (?:can|could)|in order to|need a way to|want (?:my|our|the|a|an|something|one) |wanted (?:a|an|something|one|my|our) |need (?:a|an|something|one|somewhere|someone|more) |(?:i|we) use (?:it|this|them|mine|ours)(?: \w+)? (?:to|for|as)|to use (?:it |this )?as|to be able to)\b/i, 2],
  [/\b(?:my|our|the main|the) (?:goal|aim|objective|plan|priority|mission|target)\b/i, 2.5],
  [/\b(?:want|wants|wanted) (?:fewer|more|less|better|clearer|faster|simpler)\b/i, 1.5],
];
/** A wish that is really a complaint ("I want my money back") is not a goal. */
export const NOT_GOAL = /\b(?:money back|refund|cancel|compensation|speak to (?:a |the )?manager|complain|to know why)\b|\b(?:spent|spend|spending|been|keep|kept|wasted?)\b[\w\s,]{0,40}\btrying to\b/i;

export const MOTIVATION_CUES: readonly Cue[] = [
  [/\b(?:i|we) (?:chose|picked|selected|went with|decided on|decided to go with|switched to|signed up|joined|stayed|keep coming back|keep ordering|keep buying)\b/i, 2],
  [/\b(?:the (?:main |only |real )?reason|reasons? (?:i|we)|that'?s why|this is why|which is why|is why i|deciding factor|made the decision|tipped the balance)\b/i, 2],
  [/\b(?:what (?:really )?matters|matters (?:most |more )?(?:to (?:me|us)|than)|important to (?:me|us)|(?:i|we) (?:really )?(?:value|care about|appreciate|trust)|peace of mind|what i (?:like|love|care about|value) (?:most|about)|what keeps me|keeps me (?:loyal|coming))\b/i, 2],
  [/\b(?:i|we) (?:really |absolutely |just )?(?:love|like|enjoy|adore)(?: (?:how|that|the way|being|being able|it when|having|using|asking|that it|the fact))\b/i, 2],
  [/\b(?:i|we) (?:really |absolutely |just )?(?:love|like|enjoy|adore) (?:the|its|their|your|all|this|that)\s+\w+/i, 1.5],
  [/\b(?:my|our) (?:favou?rite|fave)\b|\bthe (?:best|nicest) (?:part|thing)\b|\bthe thing i (?:love|like)\b/i, 2],
  [/\bbecause\b/i, 1.5], // counts only for positive sentences, see classify.ts
  [/\b(?:recommended (?:it|them|this)?|i recommend|would recommend)\b/i, 1.5],
];

export const OBJECTION_CUES: readonly Cue[] = [
  [/\b(?:too (?:expensive|pricey|pricy|costly|complicated|complex|much|big|bulky|risky)|a bit (?:pricey|pricy|expensive|steep)|(?:over|too )priced|pricey|pricy|expensive)\b/i, 2],
  [/\b(?:not (?:sure|convinced|ready|certain)|unsure|(?:i|we) doubt|doubtful|worried|i worry|concerned|concern is|hesitant|hesitate|afraid|nervous|skeptical|sceptical|wary)\b/i, 2],
  [/\b(?:(?:can'?t|cannot|hard to|difficult to) justify|justify the (?:cost|price)|can'?t afford|cannot afford|deal ?breaker|puts? (?:me|us) off|overkill|(?:do not|don't|can't) trust|not worth it for)\b/i, 2.5],
  [/\b(?:(?:i|we)(?:'d| would) (?:buy|switch|upgrade|order|sign up|consider)(?: it| them)? if|if (?:it|they) (?:had|came|were|was|did|offered)|(?:might|would rather|rather) wait|wait (?:for a sale|until)|not (?:yet )?(?:ready|sure) to)\b/i, 2],
  [/\b(?:already (?:pay for|use|have|own) (?:a |an |another |something |similar )|(?:a lot|much|way) cheaper|cheaper (?:elsewhere|with|from|at)|(?:don'?t|do not|didn'?t) (?:really )?need (?:this|it|one|another)|tied (?:in|into)|locked (?:in|into)|contract until|(?:won'?t|will not|not) approve|no budget|budget (?:is|for)|free version|cheaper (?:brand|alternative|option|one)|abandon(?:ed)? (?:my |the )?(?:basket|cart)|(?:did not|didn'?t|almost did not|almost didn'?t) (?:buy|order)|but the (?:price|cost)|the (?:price|cost) is (?:hard|high|steep)|hard to (?:tell|switch)|the (?:monthly |annual )?fee)\b/i, 2],
];

export const PAIN_CUES: readonly Cue[] = [
  [/\b(?:never (?:arrived|came|answered|replied|responded|showed|turned up|called|got)|still (?:waiting|not|no|haven'?t|don'?t)|on hold|hung up|took (?:forever|ages|weeks|months|days|hours)|(?:took|taken|taking) (?:\w+ )?(?:visits|calls|attempts|tries|engineers|weeks|months)|(?:spent|spend|spending|been|wasted?) [\w\s,]{0,40}trying to|broke|broken|stopped (?:working|connecting)|(?:keeps|kept|keep) (?!coming|ordering|buying|using|going|recommending|flying|me\b)\w+ing|cuts? out|in circles|fell apart|came off|snapped|wrong (?:size|item|order|address|one)|charged twice|double charged|lost|missing|damaged|crushed|faulty|defective)\b/i, 2],
  [/\b(?:(?:can'?t|cannot|couldn'?t|unable to|not able to) (?!wait|complain|recommend|believe|fault|beat|imagine|live|stop|get enough|say enough)\w+|(?:haven'?t|hasn'?t|hadn'?t|didn'?t|never) (?:been )?(?:given|told|received|got|heard|informed|contacted|called|sent|provided|updated|fixed|resolved)|(?:i |we |only |just )?wish (?:there|it|they|you|your|the|i could)|had to (?:\w+ ){0,3}(?:chase|chasing|call|ring|wait|return|send|reset|restart|contact|explain|complain|pay|reorder|cancel)|could (?:do with|be better|use (?:more|some|a))|chasing|compensat\w*|need (?:some )?help|delays?|took (?:a while|long|so long|too long)|hangs? up|lost (?:my|our) business|could(?:n'?t| not) (?:be|get) worse|no record of|(?:should|could) have been (?:better|quicker|faster|easier)|not (?:really )?the experience|(?:smaller|bigger|larger|heavier|louder|quieter|slower) than (?:i|we) (?:thought|expected)|expected (?:a (?:little|lot|bit) |much )?more|draw ?backs?|downside|supposed to|forced to|time taken|the time it took|length of time)\b|#\w*(?:fail|late|delay|worst|never|sucks)\w*/i, 1.5],
  [/\b(?:delayed|late|cancell?ed|stuck|stranded|missed|waiting|waited|refund|crash(?:es|ed)?|error|fail(?:ed|s|ure)?|slow(?:ly)?|rude|nobody|no one|problem|issue|trouble|complain\w*|useless|confusing|down since|(?:didn'?t|doesn'?t|won'?t|can'?t|did not|does not|will not|cannot) (?:work|connect|turn|load|understand|arrive|charge|respond|reply|show|know|answer|play|hear|recogni[sz]e|listen|sync|pair)|not working|too (?:quiet|small|loud|short|big|tight|slow|long)|runs? (?:small|large|big)|way off|barely (?:lasts?|works?|holds?)|faded|blisters?|down since|drains?|had to (?:call|chase|wait|ring|contact))\b/i, 1.5],
  [/\b(?:hours?|days?|weeks?|months?)\b.*\b(?:wait|late|still|again|later|took)\b/i, 0.5],
];
