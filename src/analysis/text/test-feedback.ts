// Seeded synthetic feedback for tests: three groups with planted themes, PII sprinkled in, one group under the minimum.
import { createRng } from '../../shared/rng.js';
import type { FeedbackRow } from './corpus.js';

const HIKERS = [
  'The boots were comfortable straight out of the box on a long hike.',
  'Sizing of the boots runs small, I had to return them.',
  'I want to stay dry on long day hikes.',
  'Is the rain jacket breathable enough for summer hikes?',
  'The trail boots broke after two weeks.',
  'I chose this brand because the boots last for years.',
  'The rain jacket is too expensive for what it does.',
];
const COMMUTERS = [
  'Delivery took forever and the bike lights arrived late.',
  'I need to get to work safely in the dark.',
  'The bike lights stopped working after a month.',
  'When will my delivery arrive?',
  'I love how bright the bike lights are.',
  'Not sure the lock is worth the price.',
  'Fast delivery, the bike lights work great.',
];
const PII = [' Email me at jane.doe@example.com.', ' Call +44 20 7946 0958.', ' Thanks, Priya', ' My name is Tomasz Nowak.', ''];

export function syntheticFeedback(seed = 7): FeedbackRow[] {
  const rng = createRng(seed);
  const rows: FeedbackRow[] = [];
  const stages = ['consideration', 'decision', 'retention'];
  const add = (group: string, pool: readonly string[], customers: number, prefix: string): void => {
    for (let c = 0; c < customers; c++) {
      const n = 1 + rng.int(3);
      for (let k = 0; k < n; k++) {
        const text = `${rng.pick(pool)} ${rng.pick(pool)}${rng.next() < 0.3 ? rng.pick(PII) : ''}`;
        const negative = /broke|stopped|forever|small|expensive|late/.test(text);
        rows.push({
          feedback_id: `${prefix}-${c}-${k}`,
          customer_id: `${prefix}-${c}`,
          group,
          text,
          rating: rng.next() < 0.8 ? (negative ? 1 + rng.int(2) : 4 + rng.int(2)) : null,
          stage: negative ? 'retention' : rng.pick(stages),
          source: 'review',
        });
      }
    }
  };
  add('hikers', HIKERS, 60, 'h');
  add('commuters', COMMUTERS, 40, 'c');
  add('tiny', [...HIKERS, ...COMMUTERS], 5, 't');
  return rows;
}
