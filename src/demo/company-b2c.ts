// The b2c demo company, Northpeak Outfitters (an outdoor-gear shop), and its five planted personas.
import type { CompanySpec, PersonaSpec, StageMap, Weights } from './persona-spec.js';
import { prefer } from './weights.js';
import { BARGAIN_TEXTS, GIFT_TEXTS, PREMIUM_TEXTS, RESEARCH_TEXTS, RETURNER_TEXTS } from './texts-b2c.js';

const BASE: Weights = { organic_search: 16, paid_search: 14, paid_social: 14, organic_social: 10, email: 12, referral: 8, direct: 12, display: 8, affiliate: 6 };

/** Share of a stage's sessions that come through the persona's preferred channel of that stage. */
const SHARE = 0.6;

/** Preferred channel per stage; the other channels share the rest like BASE. */
function channels(aw: string, co: string, de: string, re: string, ad: string): StageMap<Weights> {
  return {
    awareness: prefer(aw, SHARE, BASE),
    consideration: prefer(co, SHARE, BASE),
    decision: prefer(de, SHARE, BASE),
    retention: prefer(re, SHARE, BASE),
    advocacy: prefer(ad, SHARE, BASE),
  };
}

const B2C_ONLY = { jobTitles: {}, roles: {}, industries: {}, companySizes: {}, accountContacts: 0 };

const bargain: PersonaSpec = {
  key: 'bargain_hunter', label: 'Deal-Driven Weekender', negative: false, share: 0.3,
  summary: 'Younger weekend hikers who buy often but cheaply, driven by discount codes, sale alerts and free shipping; shop on the app, come via paid social.',
  ...B2C_ONLY,
  age: [29, 7], gender: { female: 46, male: 50, nonbinary: 4 },
  countries: { ES: 24, IT: 20, FR: 16, DE: 12, NL: 6, GB: 8, SE: 4, AT: 3, BE: 4, DK: 3 },
  acquisition: { paid_social: 50, affiliate: 10, paid_search: 10, organic_social: 10, email: 8, organic_search: 6, referral: 3, direct: 3 },
  emailOptIn: 0.85, tenureDays: [500, 0.7], reach: [0.97, 0.92, 0.8, 0.2],
  ordersPerYear: [19, 0.4], basket: [0.6, 0.22], extraItems: 0.8, marginRate: [0.17, 0.05],
  refunded: 0.03, returned: 0.06, cancelled: 0.03, churnPerYear: 0.3, seasonal: 0.1,
  categories: { accessories: 32, apparel: 22, camping: 14, kids: 12, footwear: 8, climbing: 4, electronics: 2, gift_cards: 3, cycling: 3 },
  orderChannels: { app: 52, web: 38, store: 8, phone: 2 },
  contentTypes: { photo: 34, pricing: 30, video: 14, infographic: 10, article: 7, demo: 2, webinar: 1, case_study: 2 },
  channels: channels('paid_social', 'email', 'affiliate', 'email', 'organic_social'),
  gapsHours: [[6, 1], [10, 1], [8, 1]], sessions: [1.5, 2, 1.2], eventsPerSession: 3,
  decisionLoop: 0.1, retentionLoop: 0.03,
  ticketsPerOrder: 0.05, ticketMinutes: [9, 0.5], escalation: 0.03,
  ticketCategories: { delivery: 30, discount_code: 30, return: 15, product_question: 10, damaged: 5, sizing: 10 },
  positive: 0.65, feedbackPerCustomer: 0.5,
  extraCategory: { none: 25, silver: 60, gold: 13, platinum: 2 }, extraCount: 16,
  texts: BARGAIN_TEXTS,
};

const premium: PersonaSpec = {
  key: 'premium_loyalist', label: 'Premium Loyalist', negative: false, share: 0.25,
  summary: 'Long-standing, older customers who pay for build quality, warranty and expert advice; big baskets, high margin, buy in store and on the web, come back directly.',
  ...B2C_ONLY,
  age: [46, 9], gender: { female: 42, male: 55, nonbinary: 3 },
  countries: { DE: 30, CH: 18, AT: 12, GB: 8, NL: 8, SE: 6, DK: 6, FR: 6, NO: 4, BE: 2 },
  acquisition: { direct: 50, organic_search: 10, referral: 15, email: 10, paid_search: 7, display: 4, organic_social: 4 },
  emailOptIn: 0.6, tenureDays: [950, 0.45], reach: [0.97, 0.93, 0.88, 0.45],
  ordersPerYear: [11, 0.35], basket: [1.6, 0.35], extraItems: 0.4, marginRate: [0.42, 0.06],
  refunded: 0.02, returned: 0.04, cancelled: 0.02, churnPerYear: 0.1, seasonal: 0.05,
  categories: { footwear: 30, electronics: 28, apparel: 16, camping: 10, climbing: 8, cycling: 5, accessories: 3 },
  orderChannels: { web: 45, store: 40, app: 12, phone: 3 },
  contentTypes: { video: 40, demo: 22, photo: 14, article: 10, case_study: 6, webinar: 4, infographic: 2, pricing: 2 },
  channels: channels('organic_search', 'direct', 'direct', 'direct', 'referral'),
  gapsHours: [[48, 0.8], [72, 0.8], [24, 1]], sessions: [1.3, 2, 1.2], eventsPerSession: 3,
  decisionLoop: 0.15, retentionLoop: 0.03,
  ticketsPerOrder: 0.04, ticketMinutes: [12, 0.5], escalation: 0.05,
  ticketCategories: { product_question: 35, delivery: 20, warranty: 25, repair: 15, return: 5 },
  positive: 0.85, feedbackPerCustomer: 0.6,
  extraCategory: { none: 4, silver: 12, gold: 44, platinum: 40 }, extraCount: 6,
  texts: PREMIUM_TEXTS,
};

const gift: PersonaSpec = {
  key: 'gift_shopper', label: 'Seasonal Gift Giver', negative: false, share: 0.2,
  summary: 'Older occasional shoppers buying presents (gift cards, kids gear, accessories) around the holidays; found via display and paid search, need delivery before Christmas.',
  ...B2C_ONLY,
  age: [52, 11], gender: { female: 60, male: 38, nonbinary: 2 },
  countries: { GB: 30, IE: 14, BE: 10, DE: 12, FR: 10, NL: 6, IT: 6, ES: 6, SE: 3, AT: 3 },
  acquisition: { display: 50, paid_search: 12, email: 10, organic_search: 10, referral: 8, paid_social: 6, direct: 4 },
  emailOptIn: 0.45, tenureDays: [800, 0.6], reach: [0.95, 0.9, 0.6, 0.15],
  ordersPerYear: [3.5, 0.4], basket: [0.9, 0.65], extraItems: 1.3, marginRate: [0.32, 0.06],
  refunded: 0.03, returned: 0.07, cancelled: 0.02, churnPerYear: 0.2, seasonal: 0.75,
  categories: { gift_cards: 25, accessories: 22, kids: 20, apparel: 13, electronics: 8, footwear: 6, camping: 6 },
  orderChannels: { web: 58, store: 25, phone: 12, app: 5 },
  contentTypes: { infographic: 42, photo: 26, article: 10, video: 8, pricing: 8, demo: 2, webinar: 2, case_study: 2 },
  channels: channels('display', 'paid_search', 'paid_search', 'display', 'email'),
  gapsHours: [[24, 1], [4, 1], [12, 1]], sessions: [1.5, 1.6, 1], eventsPerSession: 2.5,
  decisionLoop: 0.05, retentionLoop: 0.5,
  ticketsPerOrder: 0.08, ticketMinutes: [12, 0.6], escalation: 0.04,
  ticketCategories: { delivery: 40, gift_wrap: 15, return: 20, product_question: 15, damaged: 10 },
  positive: 0.75, feedbackPerCustomer: 0.45,
  extraCategory: { none: 72, silver: 22, gold: 5, platinum: 1 }, extraCount: 3,
  texts: GIFT_TEXTS,
};

const research: PersonaSpec = {
  key: 'research_professional', label: 'Research-Heavy Expert', negative: false, share: 0.15,
  summary: 'Mountain professionals and serious amateurs who read specs, field tests and webinars for weeks, loop between comparing and the cart, then buy technical gear on the web.',
  ...B2C_ONLY,
  age: [37, 8], gender: { female: 40, male: 57, nonbinary: 3 },
  countries: { SE: 20, NO: 18, DK: 8, AT: 12, DE: 12, CH: 6, FR: 8, GB: 8, NL: 4, IT: 2, ES: 2 },
  acquisition: { organic_search: 45, referral: 22, organic_social: 12, direct: 8, email: 5, paid_search: 8 },
  emailOptIn: 0.5, tenureDays: [700, 0.6], reach: [0.99, 0.88, 0.7, 0.5],
  ordersPerYear: [7, 0.35], basket: [1.3, 0.3], extraItems: 0.3, marginRate: [0.35, 0.06],
  refunded: 0.02, returned: 0.05, cancelled: 0.02, churnPerYear: 0.15, seasonal: 0.05,
  categories: { climbing: 36, camping: 30, cycling: 12, electronics: 10, footwear: 7, apparel: 5 },
  orderChannels: { web: 75, app: 15, store: 8, phone: 2 },
  contentTypes: { article: 34, webinar: 24, case_study: 20, video: 8, demo: 6, infographic: 4, photo: 2, pricing: 2 },
  channels: channels('organic_search', 'referral', 'direct', 'email', 'organic_social'),
  gapsHours: [[168, 0.8], [240, 0.8], [48, 0.8]], sessions: [2, 6, 2], eventsPerSession: 4,
  decisionLoop: 0.8, retentionLoop: 0.3,
  ticketsPerOrder: 0.06, ticketMinutes: [18, 0.5], escalation: 0.05,
  ticketCategories: { product_question: 50, warranty: 20, delivery: 15, return: 10, damaged: 5 },
  positive: 0.7, feedbackPerCustomer: 0.8,
  extraCategory: { none: 20, silver: 40, gold: 30, platinum: 10 }, extraCount: 9,
  texts: RESEARCH_TEXTS,
};

const returner: PersonaSpec = {
  key: 'serial_returner', label: 'Serial Returner', negative: true, share: 0.1,
  summary: 'Bracket-buyers of apparel and footwear who order several sizes and send most back: high refund and return rates, many long support tickets, low margin, quick churn.',
  ...B2C_ONLY,
  age: [37, 8], gender: { female: 58, male: 39, nonbinary: 3 },
  countries: { NL: 28, BE: 16, DE: 20, FR: 8, GB: 8, AT: 6, ES: 6, IT: 5, DK: 3 },
  acquisition: { affiliate: 50, paid_social: 14, paid_search: 18, display: 8, organic_social: 5, direct: 5 },
  emailOptIn: 0.55, tenureDays: [380, 0.6], reach: [0.97, 0.93, 0.82, 0.1],
  ordersPerYear: [19, 0.35], basket: [1.0, 0.45], extraItems: 1.8, marginRate: [0.12, 0.06],
  refunded: 0.15, returned: 0.35, cancelled: 0.08, churnPerYear: 0.9, seasonal: 0.05,
  categories: { apparel: 40, footwear: 40, accessories: 6, electronics: 6, climbing: 3, camping: 3, kids: 2 },
  orderChannels: { web: 55, app: 40, store: 3, phone: 2 },
  contentTypes: { video: 40, photo: 34, infographic: 8, pricing: 6, article: 5, demo: 4, case_study: 2, webinar: 1 },
  channels: channels('affiliate', 'paid_social', 'paid_search', 'paid_search', 'organic_social'),
  gapsHours: [[4, 1], [6, 1], [10, 1]], sessions: [1.3, 2, 1.2], eventsPerSession: 3,
  decisionLoop: 0.15, retentionLoop: 0.45,
  ticketsPerOrder: 0.6, ticketMinutes: [28, 0.5], escalation: 0.25,
  ticketCategories: { return: 35, refund: 30, sizing: 20, delivery: 10, damaged: 5 },
  positive: 0.2, feedbackPerCustomer: 1.2,
  extraCategory: { none: 50, silver: 40, gold: 9, platinum: 1 }, extraCount: 5,
  texts: RETURNER_TEXTS,
};

const city = (code: string, region: string, cities: string[]) => ({ code, region, cities });

export const B2C_COMPANY: CompanySpec = {
  variant: 'b2c',
  name: 'Northpeak Outfitters',
  description: 'A fictional European outdoor-gear shop (web, app and stores) selling in EUR.',
  currency: 'EUR',
  countries: [
    city('DE', 'DACH', ['Berlin', 'Munich', 'Hamburg', 'Cologne']), city('AT', 'DACH', ['Vienna', 'Innsbruck', 'Graz']),
    city('CH', 'DACH', ['Zurich', 'Bern', 'Geneva']), city('FR', 'Western Europe', ['Paris', 'Lyon', 'Grenoble']),
    city('NL', 'Benelux', ['Amsterdam', 'Utrecht', 'Rotterdam']), city('BE', 'Benelux', ['Brussels', 'Antwerp', 'Ghent']),
    city('GB', 'UK & Ireland', ['London', 'Manchester', 'Edinburgh']), city('IE', 'UK & Ireland', ['Dublin', 'Cork', 'Galway']),
    city('SE', 'Nordics', ['Stockholm', 'Gothenburg', 'Umea']), city('NO', 'Nordics', ['Oslo', 'Bergen', 'Tromso']),
    city('DK', 'Nordics', ['Copenhagen', 'Aarhus']), city('ES', 'Southern Europe', ['Madrid', 'Barcelona', 'Valencia']),
    city('IT', 'Southern Europe', ['Milan', 'Turin', 'Bologna']),
  ],
  categories: [
    { key: 'footwear', price: 120, products: 60 }, { key: 'apparel', price: 75, products: 120 },
    { key: 'camping', price: 140, products: 50 }, { key: 'climbing', price: 90, products: 50 },
    { key: 'cycling', price: 160, products: 30 }, { key: 'electronics', price: 220, products: 25 },
    { key: 'accessories', price: 28, products: 80 }, { key: 'kids', price: 45, products: 40 },
    { key: 'gift_cards', price: 50, products: 4 },
  ],
  stageEvents: {
    awareness: ['landing_view', 'ad_click', 'social_click'],
    consideration: ['product_view', 'search', 'compare_products', 'size_guide_view', 'review_read', 'wishlist_add'],
    decision: ['product_view', 'add_to_cart', 'checkout_started', 'coupon_applied'],
    retention: ['email_open', 'account_login', 'product_view', 'loyalty_points_checked'],
    advocacy: ['review_written', 'referral_sent', 'social_share', 'photo_uploaded'],
  },
  contentPaths: {
    article: '/journal/', video: '/videos/', photo: '/gallery/', infographic: '/guides/', webinar: '/webinars/',
    case_study: '/stories/', demo: '/demos/', pricing: '/deals',
  },
  shortName: 'Northpeak',
  firstOrderEvent: 'order_completed',
  repeatOrderEvent: 'repeat_order_completed',
  extraColumns: ['loyalty_tier', 'newsletter_clicks'],
  surveyQuestions: {
    awareness: ['How did you first hear about us?', 'What were you looking for when you found us?'],
    consideration: ['What almost stopped you from buying?', 'What information did you need before choosing?'],
    decision: ['What made you place your order today?', 'How was checkout?'],
    retention: ['How likely are you to buy from us again, and why?', 'How is your gear holding up?'],
    advocacy: ['What would you tell a friend about us?'],
  },
  feedbackSources: { review: 45, survey: 25, support: 15, social: 10, interview: 5 },
  commonHappy: ['Delivery was quick.', 'Checkout was painless.', 'Good communication throughout.', 'Nice packaging, too.', 'The app is easy to use.'],
  commonUnhappy: ['The website was slow.', 'Tracking updates were vague.', 'The app logged me out twice.', 'The courier left the parcel outside.'],
  personas: [bargain, premium, gift, research, returner],
};
