// Feedback vocabulary of the b2c demo company's personas: themes, goals, pains, questions, motivations, objections, emotions.
import type { PersonaTexts } from './persona-spec.js';

export const BARGAIN_TEXTS: PersonaTexts = {
  themes: ['discount codes', 'free shipping', 'price match', 'sale alerts', 'bundle deals', 'clearance'],
  slots: {
    item: ['rain jacket', 'fleece', 'pair of hiking socks', 'day pack', 'pair of trail shoes', 'camping mug', 'headlamp', 'base layer'],
    deal: ['20% off', 'half price', 'a two-for-one deal', 'the summer sale', 'the Black Friday sale', 'a flash sale'],
    time: ['this summer', 'the school holidays', 'our camping weekend', 'the autumn'],
  },
  goals: [
    'I want to kit out the whole family for {time} without blowing the budget.',
    'My goal is to grab a decent {item} at {deal} before it sells out.',
    'I only buy when there is {deal} or at least {theme}.',
    'I am building up my gear slowly, one {item} at a time, always on sale.',
    'I try to combine {theme} with {deal} whenever I can.',
  ],
  pains: [
    'The {theme} did not work at checkout, which was annoying.',
    'Shipping costs ate up the whole discount on my {item}.',
    'The {item} I wanted was sold out by the time the {theme} email arrived.',
    'Prices went up the day after I bought my {item}, then dropped again.',
    'Free shipping only kicks in above a threshold that is too high for a {item}.',
  ],
  questions: [
    'Do you price match if I find the {item} cheaper elsewhere?',
    'Why can I not combine two discount codes on one order?',
    'When is the next sale on a {item} like this?',
    'Is there free shipping on orders under 50 euros?',
    'Can I get the {deal} price if I bought the {item} last week?',
  ],
  motivations: [
    'I signed up for the newsletter purely for the {theme}.',
    'Seeing {deal} on a {item} in my feed made me click straight away.',
    'The {theme} is the main reason I shop here instead of the big marketplaces.',
    'A friend sent me a code for {deal}, so I gave it a go.',
  ],
  objections: [
    'I almost bought the {item} elsewhere because it was a few euros cheaper.',
    'Without {theme} I would not have ordered at all.',
    'I nearly abandoned the cart when I saw the shipping fee.',
    'Full price for a {item}? I would rather wait for the next sale.',
  ],
  happy: [
    'Got my {item} at {deal}, absolute bargain!',
    'Really happy with the {theme}, it made the whole order worth it.',
    'Great value for money, the {item} does the job.',
    'Love the sale alerts, I snagged a {item} for almost nothing.',
  ],
  unhappy: [
    'Honestly a bit disappointed, the "deal" on the {item} was not much of a deal.',
    'Frustrated that the {theme} expired before I could use it.',
    'Annoyed that the {item} was cheaper on another site a day later.',
    'Feels like the discounts are getting smaller every season.',
  ],
};

export const PREMIUM_TEXTS: PersonaTexts = {
  themes: ['build quality', 'lifetime warranty', 'expert advice', 'repair service', 'premium materials', 'loyalty programme'],
  slots: {
    item: ['hardshell jacket', 'pair of leather hiking boots', 'GPS watch', 'down sleeping bag', 'set of carbon trekking poles', 'four-season tent', 'merino base layer'],
    years: ['five years', 'a decade', 'fifteen years', 'many seasons'],
  },
  goals: [
    'I want gear that lasts for {years}, even if it costs more up front.',
    'I am replacing my old {item} with something that will survive another decade.',
    'I would rather buy one excellent {item} than three cheap ones.',
    'My aim is to have a kit I can trust completely on long trips.',
    'I want the {theme} to cover me if anything goes wrong with the {item}.',
  ],
  pains: [
    'The repair service took six weeks to return my {item}.',
    'Store staff could not answer my questions about the {item} this time.',
    'The {item} arrived in a battered box, which is not what I expect at this price.',
    'My loyalty points expired before I could use them.',
    'Stock of the {item} in my size is often limited.',
  ],
  questions: [
    'Does the {theme} also cover the {item} if I bought it in store?',
    'Can I book a fitting appointment for the {item}?',
    'Will the new version of the {item} come in the same colours?',
    'How do I register my {item} for the extended warranty?',
    'Is there early access to new collections for gold members?',
  ],
  motivations: [
    'The {theme} is why I keep coming back.',
    'The staff in the store know their stuff and that builds trust.',
    'I have bought from {store} for {years} and never regretted it.',
    'Quality over price, every time, and {store} delivers on that.',
  ],
  objections: [
    'The price of the {item} made me hesitate for a week.',
    'I was not sure the {item} was worth the premium over last year\'s model.',
    'I almost went to a specialist shop for better {theme}.',
  ],
  happy: [
    'The {item} is superb, worth every cent.',
    'Fantastic service as always, the {theme} really stands out.',
    'A customer for {years} and still impressed by the {theme}.',
    'Absolutely delighted with the {item}, it feels built to last.',
  ],
  unhappy: [
    'Disappointed that the {item} did not live up to the price.',
    'I expected better from {store} given how long I have been loyal.',
    'Let down by the {theme} this time, it used to be much better.',
  ],
};

export const GIFT_TEXTS: PersonaTexts = {
  themes: ['gift wrapping', 'gift cards', 'delivery before Christmas', 'gift guide', 'easy exchanges', 'gift receipt'],
  slots: {
    item: ['gift card', 'kids rain jacket', 'camping lantern', 'wool hat', 'thermos', 'hammock', 'pocket knife', 'pair of hiking socks'],
    who: ['my grandson', 'my niece', 'my husband', 'my daughter', 'a colleague', 'my dad', 'my sister'],
  },
  goals: [
    'I was looking for a present for {who}, who loves the outdoors.',
    'I need gifts that arrive before the holidays without any fuss.',
    'I want something thoughtful for {who} even though I know nothing about hiking.',
    'I buy a few presents here every December.',
    'I want a {item} that {who} can swap if it is not right.',
  ],
  pains: [
    'The {item} arrived after Christmas, which defeated the purpose.',
    'There was no {theme} option for the {item}.',
    'It was hard to tell which {item} would suit {who}.',
    'The gift card came without any nice packaging.',
    'The price was printed on the packing slip inside the gift.',
  ],
  questions: [
    'Can you include a gift receipt without prices?',
    'Will the {item} arrive before December 24 if I order today?',
    'Can {who} exchange the {item} after the holidays?',
    'Do you offer gift wrapping for the {item}?',
    'Which {item} would you recommend for a beginner?',
  ],
  motivations: [
    'The {theme} made choosing so much easier.',
    'I saw the {item} in your gift guide and knew {who} would love it.',
    'Being able to exchange after the holidays gave me peace of mind.',
    '{who} kept talking about {store}, so I bought the present from you.',
  ],
  objections: [
    'I was worried the {item} would not arrive in time.',
    'I hesitated because I did not know the right size for {who}.',
    'I nearly just bought a voucher from a department store instead.',
  ],
  happy: [
    '{who} was thrilled with the {item}!',
    'Lovely {theme}, it made the present feel special.',
    'So relieved the {item} arrived on time for the holidays.',
    'Easy, quick and the gift went down a treat.',
  ],
  unhappy: [
    'Stressful experience, the {item} almost did not make it in time.',
    'Disappointed with the {theme}, it looked cheap.',
    'The exchange for {who} was more complicated than promised.',
  ],
};

export const RESEARCH_TEXTS: PersonaTexts = {
  themes: ['technical specs', 'field tests', 'weight comparison', 'expert reviews', 'durability data', 'size charts'],
  slots: {
    item: ['ultralight tent', 'ice axe', 'climbing harness', 'avalanche beacon', 'pair of trail running shoes', 'water filter', 'satellite messenger'],
    spec: ['packed weight', 'waterproof rating', 'fill power', 'battery life', 'breaking strength', 'heel-to-toe drop'],
  },
  goals: [
    'I want to compare the {spec} of every {item} before I commit.',
    'My goal is to find the lightest {item} that still survives alpine conditions.',
    'I need reliable {theme} before trusting a {item} with my safety.',
    'I read every review and watch every video before buying a {item}.',
    'I am planning a long expedition and need to get the {item} choice right.',
  ],
  pains: [
    'The product page did not list the {spec} of the {item}.',
    'The published {theme} on your site contradict the manufacturer data.',
    'It took ages to find the {spec} for the {item}.',
    'Your comparison tool does not let me compare more than two models.',
    'The webinar skipped the details I actually needed about the {item}.',
  ],
  questions: [
    'What is the real {spec} of the {item} compared to last year\'s model?',
    'Has anyone tested the {item} below minus twenty degrees?',
    'Do you publish {theme} for the {item}?',
    'Why does the {spec} differ between the product page and the spec sheet?',
    'Can I talk to someone who has actually used the {item} in the field?',
  ],
  motivations: [
    'Your {theme} are the most detailed I have found anywhere.',
    'The in-depth article on the {item} convinced me.',
    'I trust {store} because the team publishes honest {theme}.',
    'The webinar on choosing a {item} answered most of my questions.',
  ],
  objections: [
    'I went back and forth for weeks comparing the {spec} of two models.',
    'I put the {item} in my cart twice and removed it twice while I read more reviews.',
    'I was not convinced until I saw independent {theme}.',
  ],
  happy: [
    'Impressed, the {item} matches the published {spec} exactly.',
    'Excellent {theme}, exactly the depth of information I needed.',
    'The {item} performed flawlessly on a two-week traverse.',
  ],
  unhappy: [
    'Frustrating that the {spec} turned out to be optimistic.',
    'Disappointed by the lack of {theme} for such an expensive {item}.',
    'Confused by conflicting information about the {item}.',
  ],
};

export const RETURNER_TEXTS: PersonaTexts = {
  themes: ['wrong size', 'return label', 'refund took', 'exchange', 'colour looked different', 'free returns'],
  slots: {
    item: ['pair of trail shoes', 'softshell jacket', 'pair of hiking trousers', 'pair of ski gloves', 'down vest', 'pair of approach shoes'],
    size: ['size 38', 'size 42', 'a medium', 'a large', 'size 44', 'a small'],
  },
  goals: [
    'I order a couple of sizes of the {item} and keep the one that fits.',
    'I want to try the {item} at home and send back what does not work.',
    'I need free returns, otherwise I cannot shop online at all.',
    'I was hoping to find a {item} that actually fits as described.',
  ],
  pains: [
    'The {item} came in the wrong size, again.',
    'The refund took more than three weeks to show up.',
    'I could not print the return label from the app.',
    'The colour looked different from the photos, so I sent the {item} back.',
    'Customer service asked me three times for the same order number.',
    'I ordered {size} but the {item} fits like a completely different size.',
  ],
  questions: [
    'Why has my refund not arrived yet?',
    'Where do I find the return label for the {item}?',
    'Can I exchange the {item} for {size} without paying shipping again?',
    'How long does the refund take after you receive the parcel?',
    'Why was my return for the {item} rejected?',
  ],
  motivations: [
    'Free returns are the only reason I ordered the {item} here.',
    'I liked that I could order {size} and another size at the same time.',
    'The photos of the {item} looked amazing on social media.',
  ],
  objections: [
    'I nearly did not order because the size chart was unclear.',
    'If returns were not free I would never buy a {item} online.',
    'I only ordered because the return window is thirty days.',
  ],
  happy: [
    'The exchange was quick this time, finally the right {item}.',
    'Return process was easy, credit to the team.',
  ],
  unhappy: [
    'Really fed up, the {item} is the third one I have had to return.',
    'Furious that the refund took so long.',
    'Never again, the wrong size arrived and the return label did not work.',
    'Disappointed and frustrated with the whole exchange process.',
  ],
};
