// The persona gallery: a card per persona (name, size, value share, one-line summary); account personas and negative personas in their own marked sections.
import { useApi } from '../api.js';
import type { PersonaBrief, PersonaSet, VersionSummary } from '../api-types.js';
import { Avatar } from '../components/avatar.js';
import { Await, NegativeMark, StatusBadge } from '../components/status.js';
import { day, int, pct } from '../format.js';
import { Link, navigate, useLocation } from '../router.js';

export function PersonaTile({ p, version }: { p: PersonaBrief; version: number | null }) {
  const unit = p.kind === 'account' ? 'accounts' : 'customers';
  const href = `/personas/${encodeURIComponent(p.id)}${version !== null ? `?version=${version}` : ''}`;
  return (
    <li>
      <article className={`tile${p.negative ? ' tile-negative' : ''}`} data-persona={p.id}>
        <div className="tile-head">
          <Avatar id={p.id} name={p.name} negative={p.negative} />
          <h3>
            <Link href={href} className="tile-link">
              {p.name}
            </Link>
          </h3>
          {p.negative ? <NegativeMark /> : null}
        </div>
        <p className="tile-size">
          <strong>{int(p.size)}</strong> {unit} · {pct(p.share_of_customers)} of {unit}
        </p>
        <div className="share">
          <span className="share-label">
            {pct(p.share_of_revenue)} of revenue · {pct(p.share_of_margin)} of margin
          </span>
          <span className="share-track" aria-hidden="true">
            <span className="share-bar" style={{ width: `${Math.max(1, Math.min(100, p.share_of_revenue * 100))}%` }} />
          </span>
        </div>
        <p className="tile-summary">{p.summary}</p>
      </article>
    </li>
  );
}

function Section({ id, title, intro, personas, version }: { id: string; title: string; intro?: string; personas: PersonaBrief[]; version: number | null }) {
  if (!personas.length) return null;
  return (
    <section aria-labelledby={id} className={`gallery-section gallery-${id}`}>
      <h2 id={id}>{title}</h2>
      {intro ? <p className="section-intro">{intro}</p> : null}
      <ul className="tiles">
        {personas.map((p) => (
          <PersonaTile key={p.id} p={p} version={version} />
        ))}
      </ul>
    </section>
  );
}

function VersionPicker({ current, versions }: { current: number; versions: VersionSummary[] }) {
  if (versions.length < 2) return null;
  return (
    <label className="version-picker">
      Version{' '}
      <select value={current} onChange={(e) => navigate(`/?version=${e.target.value}`)}>
        {[...versions].reverse().map((v) => (
          <option key={v.version} value={v.version}>
            {v.version} ({v.status.replace('_', ' ')}, {day(v.created_at)})
          </option>
        ))}
      </select>
    </label>
  );
}

export function GalleryPage() {
  const { query } = useLocation();
  const version = query.get('version');
  const [set] = useApi<PersonaSet>(`/api/personas${version ? `?version=${encodeURIComponent(version)}` : ''}`);
  const [versions] = useApi<{ versions: VersionSummary[] }>('/api/versions');
  return (
    <>
      <h1>Personas</h1>
      <Await loaded={set} what="the persona set">
        {(s) => {
          const pinned = version ? s.version : null;
          const buyers = s.personas.filter((p) => !p.negative && p.kind === 'buyer');
          const accounts = s.personas.filter((p) => !p.negative && p.kind === 'account');
          const negatives = s.personas.filter((p) => p.negative);
          return (
            <>
              <div className="page-meta">
                <p>
                  Version {s.version} <StatusBadge status={s.status} /> · built {day(s.created_at)} · {s.personas.length} personas
                </p>
                {versions.state === 'ok' ? <VersionPicker current={s.version} versions={versions.data.versions} /> : null}
              </div>
              <Section id="buyers" title="Buyer personas" personas={buyers} version={pinned} />
              <Section id="accounts" title="Account personas" intro="Companies (B2B), linked to the buyer personas who work there." personas={accounts} version={pinned} />
              <Section
                id="negatives"
                title="Negative personas"
                intro="Customers who cost more than they bring (returns, support time, refunds): keep them out of targeting. Each has an exclusion rule."
                personas={negatives}
                version={pinned}
              />
            </>
          );
        }}
      </Await>
    </>
  );
}
