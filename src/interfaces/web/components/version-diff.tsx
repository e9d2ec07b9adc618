// A diff between two versions: data changes, what became of each persona (continued, split, merged, new, gone) and field changes with their numbers.
import type { VersionDiff } from '../api-types.js';
import { int, label, pct } from '../format.js';

function name(d: VersionDiff, side: 'from' | 'to', id: string): string {
  const p = d.personas[side][id];
  return p ? `${p.name} (${id})` : id;
}

export function DiffView({ d }: { d: VersionDiff }) {
  const changedEntities = d.data.entities.filter((e) => e.changed);
  return (
    <div className="diff" data-diff={`${d.from.version}-${d.to.version}`}>
      <h3>
        Version {d.from.version} → version {d.to.version}
      </h3>
      <h4>Data</h4>
      {changedEntities.length ? (
        <ul>
          {changedEntities.map((e) => (
            <li key={e.entity}>
              {e.entity}: {int(e.rows_before)} → {int(e.rows_after)} rows
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Same data in both versions.</p>
      )}
      <h4>Personas{d.matching.by_members ? ' (matched by shared customers)' : ' (matched by traits)'}</h4>
      <ul>
        {d.matching.relations.map((r, i) => (
          <li key={i}>
            {r.kind === 'continued' ? (
              <>
                <strong>continued</strong>: {name(d, 'from', r.from)} → {name(d, 'to', r.to)} <span className="muted">({pct(r.overlap.of_from)} of its customers stayed)</span>
              </>
            ) : r.kind === 'split' ? (
              <>
                <strong>split</strong>: {name(d, 'from', r.from)} → {r.to.map((t) => name(d, 'to', t)).join(', ')}
              </>
            ) : r.kind === 'merged' ? (
              <>
                <strong>merged</strong>: {r.from.map((f) => name(d, 'from', f)).join(', ')} → {name(d, 'to', r.to)}
              </>
            ) : r.kind === 'new' ? (
              <>
                <strong>new</strong>: {name(d, 'to', r.to)}
              </>
            ) : (
              <>
                <strong>gone</strong>: {name(d, 'from', r.from)}
              </>
            )}
          </li>
        ))}
      </ul>
      {d.changes.map((c) => {
        const fields = c.fields.filter((f) => f.items.some((i) => !i.minor) || f.change !== 'changed');
        const metrics = c.metrics.filter((m) => !m.minor);
        if (!fields.length && !metrics.length) return null;
        return (
          <details key={`${c.from}-${c.to}`} className="diff-persona">
            <summary>
              Changes in {name(d, 'to', c.to)}: {metrics.length} figure{metrics.length === 1 ? '' : 's'}, {fields.length} field{fields.length === 1 ? '' : 's'}
            </summary>
            {metrics.length ? (
              <ul>
                {metrics.map((m) => (
                  <li key={m.metric}>
                    {label(m.metric)}: {String(m.before ?? '—')} → {String(m.after ?? '—')}
                  </li>
                ))}
              </ul>
            ) : null}
            {fields.map((f) => (
              <div key={f.field}>
                <h5>
                  {f.label} ({f.change})
                </h5>
                <ul>
                  {f.items
                    .filter((i) => !i.minor)
                    .map((i, k) => (
                      <li key={k}>
                        {i.change === 'added' ? '+ ' : i.change === 'removed' ? '− ' : '~ '}
                        {i.before ? <del>{i.before.claim}</del> : null} {i.after ? <ins>{i.after.claim}</ins> : null}
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </details>
        );
      })}
    </div>
  );
}
