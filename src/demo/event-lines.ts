// Writes event sessions (one channel, one stage, a few events seconds to minutes apart) as events.csv lines.
import { STAGES } from '../contract/entities.js';
import type { Stage } from '../contract/entities.js';
import type { Rng } from '../shared/rng.js';
import type { CsvSink } from './csv-sink.js';
import type { CompanySpec } from './persona-spec.js';
import type { Prepared } from './prepared.js';
import { writeIso } from './time-format.js';
import { drawIndex } from './weights.js';
import type { Table } from './weights.js';

export const EVENT_HEADER = ['event_id', 'customer_id', 'anonymous_id', 'session_id', 'occurred_at', 'event', 'channel', 'stage', 'content_type', 'url'];

/** Chance that an event of a stage is a content view (named after its content type) rather than a page action. */
const P_CONTENT = [0.75, 0.6, 0.3, 0.35, 0.3];

const CONTENT_EVENT: Readonly<Record<string, string>> = {
  article: 'article_read', video: 'video_play', photo: 'gallery_view', infographic: 'infographic_view',
  webinar: 'webinar_attended', case_study: 'case_study_read', demo: 'demo_viewed', pricing: 'pricing_viewed',
};

/** Product ids are shared by events and orders: p<category*1000 + rank>, popular products drawn more often. */
export function productId(company: CompanySpec, cat: number, u: number): string {
  const c = company.categories[cat];
  return 'p' + String(cat * 1000 + 1 + Math.floor((c?.products ?? 1) * u * u));
}

export class EventLines {
  nextEvent = 1;
  nextSession = 1;
  private readonly paths = new Map<string, string>();

  constructor(
    readonly sink: CsvSink,
    private readonly company: CompanySpec,
    private readonly contentPaths: Readonly<Record<string, string>>,
  ) {}

  private path(name: string): string {
    let p = this.paths.get(name);
    if (p === undefined) {
      p = '/' + name.replaceAll('_', '-');
      this.paths.set(name, p);
    }
    return p;
  }

  /**
   * Writes a session of n events starting at t and returns the time of its last event.
   * `who` is "customer_id,anonymous_id"; `cat` the category the visitor is interested in;
   * `last`, when given, names the final event (an order) and makes it a page action.
   */
  session(rng: Rng, p: Prepared, who: string, stage: number, t: number, n: number, cat: number, last?: string): number {
    const stageName = STAGES[stage] as Stage;
    const channels = p.channels[stage] as Table;
    const channel = channels.keys[drawIndex(channels, rng.next())] as string;
    const names = this.company.stageEvents[stageName];
    const contents = p.content[stage] as Table;
    const catKey = this.company.categories[cat]?.key ?? 'gear';
    const sink = this.sink;
    const sessionId = this.nextSession++;
    for (let k = 0; k < n; k++) {
      if (k > 0) t += 20 + Math.floor(rng.next() * 280);
      let name: string;
      let ct = '';
      let prefix: string;
      let tail = -1;
      if (last !== undefined && k === n - 1) {
        name = last;
        prefix = this.path(last);
      } else if (rng.next() < (P_CONTENT[stage] as number)) {
        ct = contents.keys[drawIndex(contents, rng.next())] as string;
        name = CONTENT_EVENT[ct] ?? 'content_view';
        prefix = this.contentPaths[ct] as string;
        if (ct !== 'pricing') tail = 1 + rng.int(12);
      } else {
        name = names[rng.int(names.length)] as string;
        prefix = name === 'product_view' ? '/p/' + productId(this.company, cat, rng.next()) : this.path(name);
      }
      // e<id>,<customer_id>,<anonymous_id>,s<session>,<occurred_at>,<event>,<channel>,<stage>,<content_type>,<url>
      sink.room(256 + who.length + prefix.length);
      sink.byte(101);
      sink.int(this.nextEvent++);
      sink.byte(44);
      sink.ascii(who);
      sink.ascii(',s');
      sink.int(sessionId);
      sink.byte(44);
      writeIso(sink, t);
      sink.byte(44);
      sink.ascii(name);
      sink.byte(44);
      sink.ascii(channel);
      sink.byte(44);
      sink.ascii(stageName);
      sink.byte(44);
      sink.ascii(ct);
      sink.byte(44);
      sink.ascii(prefix);
      if (tail >= 0) {
        sink.ascii(catKey);
        sink.byte(45);
        sink.int(tail);
      }
      sink.byte(10);
      sink.endRow();
    }
    return t;
  }
}
