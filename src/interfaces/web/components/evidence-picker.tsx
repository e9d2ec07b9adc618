// Picks quotes as evidence: feedback from interviews, surveys and sales notes, searched by words, chosen with check boxes.
import { useState } from 'react';
import { useApi } from '../api.js';
import { EVIDENCE_SOURCES, type ClaimEvidence } from '../handmade-types.js';
import { Await } from './status.js';

/** `selected` holds `source:feedback_id` references, the form the API takes. */
export function EvidencePicker({ id, selected, onChange }: { id: string; selected: string[]; onChange: (refs: string[]) => void }) {
  const [source, setSource] = useState('');
  const [q, setQ] = useState('');
  const params = new URLSearchParams({ limit: '20', ...(source ? { source } : {}), ...(q.trim() ? { q: q.trim() } : {}) });
  const [quotes] = useApi<{ quotes: ClaimEvidence[] }>(`/api/evidence?${params.toString()}`);
  const toggle = (ref: string, on: boolean): void => onChange(on ? [...selected, ref] : selected.filter((r) => r !== ref));
  return (
    <fieldset className="evidence-picker">
      <legend>Evidence: quotes from feedback</legend>
      <div className="form-row">
        <label htmlFor={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">interview, survey or sales note</option>
          {EVIDENCE_SOURCES.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-q`}>Words</label>
        <input id={`${id}-q`} type="search" maxLength={200} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <Await loaded={quotes} what="quotes">
        {(d) =>
          d.quotes.length ? (
            <ul className="evidence-choices">
              {d.quotes.map((e) => {
                const ref = `${e.source}:${e.feedback_id}`;
                return (
                  <li key={ref}>
                    <label>
                      <input type="checkbox" value={ref} checked={selected.includes(ref)} onChange={(ev) => toggle(ref, ev.target.checked)} /> “{e.quote}”{' '}
                      <span className="claim-meta">
                        {e.source.replace('_', ' ')} {e.feedback_id}
                        {e.customer_id ? ` · customer ${e.customer_id}` : ''}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="insufficient">No quotes match.</p>
          )
        }
      </Await>
      {selected.length ? <p className="hint">{selected.length} quote(s) chosen</p> : null}
    </fieldset>
  );
}
