// Hand-made personas: the list with status and evidence coverage, and a form to start one from a template.
import { useState, type FormEvent } from 'react';
import { ApiFailure, postJson, useApi } from '../api.js';
import type { HandBrief, HandCard, PersonaTemplateDoc } from '../handmade-types.js';
import { Await, StatusBadge } from '../components/status.js';
import { pct } from '../format.js';
import { Link, navigate } from '../router.js';

function NewPersonaForm({ templates }: { templates: PersonaTemplateDoc[] }) {
  const [template, setTemplate] = useState(templates.find((t) => t.name === 'basic')?.name ?? templates[0]?.name ?? '');
  const [name, setName] = useState('');
  const [segment, setSegment] = useState('');
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = templates.find((t) => t.name === template);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    postJson<HandCard>('/api/handmade', { template, name, ...(segment.trim() ? { segment: segment.trim() } : {}) }).then(
      (card) => navigate(`/handmade/${encodeURIComponent(card.persona.id)}`),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof ApiFailure ? err : new ApiFailure(String(err), 0, 'network', undefined));
      },
    );
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-hand-title">
      <h2 id="new-hand-title">New hand-made persona</h2>
      <div className="form-row">
        <label htmlFor="hand-template">Template</label>
        <select id="hand-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
          {templates.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name.replace(/_/g, '-')} — {t.description}
            </option>
          ))}
        </select>
        {chosen ? <span className="hint">Fields: {chosen.fields.map((f) => f.label).join(', ')}</span> : null}
      </div>
      <div className="form-row">
        <label htmlFor="hand-name">Name</label>
        <input id="hand-name" type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error?.field === 'name' ? true : undefined} />
      </div>
      <div className="form-row">
        <label htmlFor="hand-segment">Segment (optional)</label>
        <input id="hand-segment" type="text" maxLength={60} placeholder="p1" value={segment} onChange={(e) => setSegment(e.target.value)} aria-describedby="hand-segment-hint" />
        <span id="hand-segment-hint" className="hint">
          a data-driven persona whose members the claims are tested on (all customers when empty)
        </span>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error.message}
        </p>
      ) : null}
      <button type="submit" disabled={busy || !name.trim()}>
        Create draft
      </button>
    </form>
  );
}

export function HandmadeListPage() {
  const [list] = useApi<{ personas: HandBrief[] }>('/api/handmade');
  const [templates] = useApi<{ templates: PersonaTemplateDoc[] }>('/api/templates');
  return (
    <>
      <h1>Hand-made personas</h1>
      <p className="section-intro">
        Personas written from interviews and the sales team’s knowledge. Each claim is an assumption until a quote backs it; claims written in the structured form are tested against the data.
      </p>
      <Await loaded={list} what="the hand-made personas">
        {(d) =>
          d.personas.length ? (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Hand-made personas">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Persona</th>
                    <th scope="col">Template</th>
                    <th scope="col">Segment</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Claims evidenced
                    </th>
                    <th scope="col" className="num">
                      Fields evidenced
                    </th>
                    <th scope="col" className="num">
                      Customers
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.personas.map((p) => (
                    <tr key={p.id} data-persona={p.id}>
                      <th scope="row">
                        <Link href={`/handmade/${encodeURIComponent(p.id)}`}>{p.name}</Link> <span className="persona-id">{p.id}</span>
                      </th>
                      <td>{p.template}</td>
                      <td>{p.segment ?? 'all customers'}</td>
                      <td>
                        <StatusBadge status={p.status} />
                      </td>
                      <td className="num">
                        {p.coverage.evidenced}/{p.coverage.claims} ({pct(p.coverage.share)})
                      </td>
                      <td className="num">
                        {p.coverage.fields_evidenced}/{p.coverage.fields} ({pct(p.coverage.field_share)})
                      </td>
                      <td className="num">{p.coverage.customers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>No hand-made personas yet.</p>
          )
        }
      </Await>
      <Await loaded={templates} what="the templates">
        {(d) => <NewPersonaForm templates={d.templates} />}
      </Await>
    </>
  );
}
