// Customer-service domain lexicon: word overrides of AFINN and multi-word phrases, valence on AFINN's −5…+5 scale.
// Plain AFINN scores "slow", "never answered", "took forever" as neutral or positive and "please help", "United",
// "Fire TV" as positive/negative; these entries correct that. In a phrase, "a|b" means either word.

/** Single words: replace or add to AFINN. */
export const DOMAIN_WORDS: Readonly<Record<string, number>> = {
  // words AFINN scores but that carry little or other sentiment in service language
  please: 0, help: 0.5, want: 0, wants: 0, wanted: 0, wish: -0.5, hope: 0.5, hopefully: 0, care: 0.5, yes: 0.5,
  like: 1, pretty: 0, kind: 0.5, super: 0, top: 0.5, 'true': 0.5, god: 0, dear: 0.5, chance: 0.5, free: 0.5,
  joke: -2, jokes: -1.5, lol: 1, funny: 1, wow: 1, fine: 1, worth: 1.5, united: 0, spirit: 0, fire: 0, pay: 0,
  charged: -1, sorry: -0.5, apologize: 0, apology: 0, luck: 1, no: 0, win: 2, huge: 0, easy: 2, easily: 1.5,
  cancel: -1, lost: -2.5, hard: -1, mad: -2, crazy: -1, dead: -2, kill: -1, killing: -1, clear: 0.5, stop: -0.5,
  // delay, waiting and failure words AFINN does not know
  slow: -2, slower: -2, slowly: -1.5, sluggish: -2, laggy: -2, lag: -1.5, lagging: -2, delayed: -2, delay: -2, delays: -2,
  late: -1.5, cancelled: -2, canceled: -2, cancellation: -1.5, cancellations: -1.5, stranded: -3, stuck: -2,
  missing: -2, misplaced: -2, damaged: -2.5, broken: -2.5, faulty: -2.5, defective: -2.5, malfunction: -2.5,
  malfunctioning: -2.5, glitch: -2, glitches: -2, glitchy: -2, buggy: -2, crashes: -2, crashed: -2, freezes: -2,
  froze: -2, frozen: -1, unresponsive: -2.5, disconnects: -2, disconnecting: -2, disconnected: -1.5, overcharged: -3,
  overpriced: -2, pricey: -1, expensive: -1, refund: -1, refunds: -1, rude: -3, unhelpful: -2.5, unprofessional: -3,
  incompetent: -3, clueless: -2.5, nightmare: -3, hassle: -2, inconvenience: -2, inconvenient: -2, unacceptable: -3,
  waiting: -1, waited: -1.5, unanswered: -2, ignoring: -2, misleading: -2.5, ripoff: -3, 'rip-off': -3, issue: -1.5,
  issues: -1.5, outage: -2.5, outages: -2.5, errors: -2, unreliable: -2.5, inconsistent: -1.5, complicated: -1.5,
  impossible: -2, mess: -2, messed: -2, screwed: -2.5, wtf: -3, smh: -2, ugh: -2, fault: -1.5, faults: -2, flimsy: -2,
  cramped: -2, uncomfortable: -2, dirty: -2, filthy: -3, useless: -2.5, pathetic: -3, worst: -3.5, terrible: -3.5,
  horrible: -3.5, awful: -3.5, appalling: -3, shocking: -2.5, disgraceful: -3, downside: -1.5, drawback: -1.5,
  fee: -1, fees: -1, rebooked: -1, diverted: -1.5, deplaned: -1, tarmac: -0.5, ridiculous: -3, hours: -0.3,
  absurd: -3, negligent: -3, negligence: -3, impolite: -2.5, rough: -1.5, substandard: -2, inconveniently: -2,
  buffering: -2, rebooting: -2, reboots: -2, restarting: -1.5, garbage: -3, junk: -3, fuss: -1.5, chasing: -1.5, faded: -1.5, blisters: -2, drains: -1.5,
  confusion: -2, confused: -2, overlooked: -2, alarm: 0, rubbish: -3, shambles: -3, shambolic: -3, missold: -3,
  'mis-sold': -3, stressful: -2, thx: 1.5, plz: 0, pls: 0, hah: 0, stellar: 3, faster: 0.5, tough: -1.5, unfortunately: -1.5, nope: -0.5,
  // service praise AFINN lacks
  quick: 2, quickly: 1.5, fast: 2, speedy: 2, prompt: 2, promptly: 2, efficient: 2, efficiently: 2,
  seamless: 2.5, smooth: 2, smoothly: 2, intuitive: 2, straightforward: 2, simple: 1, professional: 2,
  knowledgeable: 2, patient: 1.5, informative: 1.5, sorted: 1.5, resolved: 2, solved: 1.5, fixed: 1, painless: 2,
  breeze: 2, lifesaver: 3, 'hassle-free': 2.5, 'user-friendly': 2, handy: 1.5, convenient: 2, responsive: 2,
  reliable: 2, excellent: 3.5, outstanding: 3.5, superb: 3.5, flawless: 3, flawlessly: 3, fantastic: 3.5,
};

/** Phrases, longest match first; a phrase that starts with a negation is not negated again. */
export const DOMAIN_PHRASES: readonly (readonly [number, ...string[]])[] = [
  // waiting and no answer
  [-3, 'took|takes|taking|take forever|ages', 'never answered|responded|replied|called|showed|arrived|came|received|heard|got'],
  [-3, 'still waiting|haven\'t|not|no', 'yet to receive|hear|get', 'no one answered|answers|helped|called|responded|showed|came|cares', 'nobody answered|answers|helped|called|responded|showed|came|cares'],
  [-2.5, 'took|takes|taking too long', 'too long', 'long wait|waits|queue|queues|delay|delays', 'no answer|response|reply|show|call|callback|help|communication|updates|update|information|info'],
  [-2.5, 'on hold', 'hung|hang|hangs up', 'still no', 'never got back', 'no longer', 'still not', 'still don\'t|didn\'t|doesn\'t|can\'t|isn\'t|wasn\'t|won\'t|hasn\'t|haven\'t|aren\'t'],
  [-2.5, 'haven\'t|hasn\'t|hadn\'t|never heard|received|responded|replied|gotten|arrived|contacted', 'website|site|system|app|server|servers|internet|network|wifi is|was|went|goes down', 'website|site|system|app|server down'],
  [-2.5, 'won\'t|wouldn\'t|will never be flying|using|buying|ordering|booking|coming|recommending', 'keeps|kept|keep disconnecting|dropping|buffering|crashing|freezing|rebooting|restarting|cutting|losing|failing|asking'],
  [-2, 'don\'t|didn\'t|doesn\'t like', 'have|had to wait|chase|call|ring|keep', 'no more', 'cuts|cut|cutting out', 'in circles', 'don\'t|didn\'t need|use', 'never use|used'],
  [-1.5, 'no one', 'nobody'],
  [-1.5, 'wait|hold time|times', 'waiting for', 'waited for', 'yet again', 'again and again'],
  [-2.5, 'refund took|takes|taking', 'waiting for|on my|a refund', 'want|need my money back', 'money back'],
  // broken and wrong
  [-3, 'broke|broken|died|stopped after', 'stopped|stops|quit working', 'fell|falls|came apart', 'dead on arrival'],
  [-2.5, 'doesn\'t|didn\'t|won\'t|don\'t|wouldn\'t|can\'t|isn\'t work|works|connect|load|charge|respond|turn|working', 'not working|connecting|loading|responding', 'never worked|works|connected', 'nothing works|worked'],
  [-2, 'wrong size|item|order|product|color|colour|address|part|one|bag|information|info', 'missed connection|connections', 'lost luggage|bag|bags|baggage'],
  [-2, 'can\'t|couldn\'t|doesn\'t|didn\'t|won\'t understand|hear|recognize|recognise|find|get', 'didn\'t|doesn\'t meet', 'not as described|advertised|expected|promised', 'false advertising'],
  [-3, 'waste of money|time', 'not worth', 'wouldn\'t|won\'t|don\'t|didn\'t|can\'t recommend', 'not recommend', 'stay away', 'never again', 'never fly|use|buy|order', 'charged twice', 'double charged', 'hidden fees|charges'],
  [-3, 'mis sold|selling', 'miss sold', 'rip off', 'ripped off', 'couldn\'t be|get worse', 'lost my|our business'],
  [-1.5, 'took|takes|taking a while', 'draw back', 'expected more', 'smaller|slower than i|we thought|expected'],
  [-2, 'not a fan', 'returning it', 'sent|send it back', 'return it', 'switching to', 'switch to', 'cancel my', 'last time', 'thanks for nothing', 'no thanks', 'price increase', 'extra charge|fee|fees', 'cheaply made', 'lack of', 'no internet|broadband|service|signal|wifi|wi-fi|connection|power|sound|dial', 'didn\'t|never|doesn\'t|don\'t|won\'t turn|turned|show|showed up', 'failed to turn|show up', 'no show', 'not connected'],
  [-1.5, 'could|should have been better', 'needs improvement|work', 'supposed to', 'only complaint|issue|problem|downside|negative|gripe', 'would be nice', 'wish it|they|you', 'could be better', 'learning curve', 'not great', 'not good', 'not happy', 'not impressed'],
  // praise
  [3, 'couldn\'t be|been more helpful|friendly|pleasant|easy|easier|professional|efficient|simple|polite|understanding', 'couldn\'t have been more|better|easier|nicer|happier', 'fixed|fixing|fix|resolved|solved|sorted the|my|our problem|problems|issue|issues'],
  [3, 'above and beyond', 'couldn\'t be happier|better', 'can\'t wait', 'worth every penny', 'game changer', 'life saver', 'highly recommend|recommended', 'exceeded|exceeds my expectations'],
  [2.5, 'easy to use|set|setup|install|operate|navigate', 'hassle free', 'well worth', 'no problems|problem|issues|issue|complaints', 'works great|perfectly|flawlessly|well', 'on time', 'ahead of schedule', 'arrived early'],
  [2, 'last|lasts|lasted for years|ages', 'still going strong', 'user friendly', 'value for money', 'bang for the|your buck', 'kept me informed', 'keep me informed', 'can\'t complain', 'sorted out', 'thank you', 'no hassle', 'as described|advertised', 'fully charged', 'works fine'],
  // neutral in service language (blocks AFINN's "care", "like", "help")
  [0, 'customer care|service|support', 'would|i\'d like', 'looks|feels|sounds|seems like', 'kind|sort of', 'please help', 'need help', 'no problem', 'at least', 'help desk', 'fire tv|stick', 'united airlines'],
];

/** Two-word negations read as their contraction before phrases and negators are matched ("does not" → "doesn't"). */
export const CONTRACTIONS: Readonly<Record<string, string>> = {
  'do not': "don't", 'does not': "doesn't", 'did not': "didn't", 'will not': "won't", 'can not': "can't", cannot: "can't",
  'would not': "wouldn't", 'could not': "couldn't", 'should not': "shouldn't", 'is not': "isn't", 'are not': "aren't",
  'was not': "wasn't", 'were not': "weren't", 'has not': "hasn't", 'have not': "haven't", 'had not': "hadn't",
  dont: "don't", doesnt: "doesn't", didnt: "didn't", wont: "won't", cant: "can't", wouldnt: "wouldn't", couldnt: "couldn't",
  shouldnt: "shouldn't", isnt: "isn't", arent: "aren't", wasnt: "wasn't", werent: "weren't", hasnt: "hasn't",
  havent: "haven't", hadnt: "hadn't", aint: "ain't", "can't've": "can't", "won't've": "won't",
};

/** Words that flip the valence of what follows (within three words, up to a clause break). */
export const NEGATORS: ReadonlySet<string> = new Set(
  (
    "not no never n't cannot nothing nobody none neither nor without hardly barely dont don't didnt didn't doesnt " +
    "doesn't isnt isn't wasnt wasn't arent aren't werent weren't wont won't wouldnt wouldn't cant can't couldnt " +
    "couldn't shouldnt shouldn't havent haven't hasnt hasn't hadnt hadn't aint ain't neednt needn't"
  ).split(' '),
);

/** Intensifiers (> 1) and diminishers (< 1) of the next sentiment word. */
export const BOOSTERS: Readonly<Record<string, number>> = {
  very: 1.3, really: 1.3, so: 1.25, extremely: 1.5, super: 1.3, totally: 1.3, absolutely: 1.4, incredibly: 1.4,
  completely: 1.3, too: 1.25, highly: 1.3, truly: 1.3, most: 1.2, utterly: 1.5, seriously: 1.3, ridiculously: 1.4,
  insanely: 1.4, such: 1.2, quite: 1.1, especially: 1.2, particularly: 1.2, way: 1.2, even: 1.1, exceptionally: 1.4,
  slightly: 0.6, somewhat: 0.7, bit: 0.7, little: 0.7, kinda: 0.7, sorta: 0.7, fairly: 0.8, rather: 0.8, mostly: 0.8,
  partly: 0.6, occasionally: 0.7, sometimes: 0.7,
};

/** Words that shift weight to the clause after them ("good but slow": the second part counts more). */
export const CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'though', 'although', 'yet']);
