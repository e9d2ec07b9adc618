// The printable persona library: a title page with the set, then every persona's full card with its evidence open, one persona per printed page.
import { useEffect, useState } from 'react';
import { ApiFailure, getJson, useApi } from '../api.js';
import type { PersonaDocument, PersonaSet } from '../api-types.js';
import { PersonaBody, PersonaHeader } from '../components/persona-card.js';
import { Await, ErrorBox, Loading, StatusBadge } from '../components/status.js';
import { day, int, pct } from '../format.js';
import { Link, useLocation, usePrintMode } from '../router.js';

function useDocuments(set: PersonaSet | null): PersonaDocument[] | ApiFailure | null {
  const [docs, setDocs] = useState<PersonaDocument[] | ApiFailure | null>(null);
  useEffect(() => {
    if (!set) return;
    let live = true;
    Promise.all(set.personas.map((p) => getJson<PersonaDocument>(`/api/personas/${encodeURIComponent(p.id)}?version=${set.version}`))).then(
      (d) => live && setDocs(d),
      (e: unknown) => live && setDocs(e instanceof ApiFailure ? e : new ApiFailure(String(e), 0, 'network', undefined)),
    );
    return () => {
      live = false;
    };
  }, [set]);
  return docs;
}

export function LibraryPage() {
  const { query } = useLocation();
  const print = usePrintMode();
  const version = query.get('version');
  const [set] = useApi<PersonaSet>(`/api/personas${version ? `?version=${encodeURIComponent(version)}` : ''}`);
  const docs = useDocuments(set.state === 'ok' ? set.data : null);
  return (
    <Await loaded={set} what="the persona set">
      {(s) => (
        <div className="library">
          <section className="library-title">
            <h1>Persona library</h1>
            <p>
              Version {s.version} <StatusBadge status={s.status} /> · built {day(s.created_at)} · {s.personas.length} personas
            </p>
            {print ? null : (
              <p className="no-print">
                This page prints as the persona library (one persona per page). From the command line: <code>archetype export --format pdf --out library.pdf</code>
              </p>
            )}
            <table className="data-table library-index">
              <caption>The personas in this set</caption>
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col" className="num">
                    Customers
                  </th>
                  <th scope="col" className="num">
                    Revenue
                  </th>
                  <th scope="col">Summary</th>
                </tr>
              </thead>
              <tbody>
                {s.personas.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {print ? p.name : <Link href={`/personas/${encodeURIComponent(p.id)}`}>{p.name}</Link>}
                      {p.negative ? ' (negative)' : ''}
                    </th>
                    <td className="num">{int(p.size)}</td>
                    <td className="num">{pct(p.share_of_customers)}</td>
                    <td className="num">{pct(p.share_of_revenue)}</td>
                    <td>{p.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {docs === null ? (
            <Loading what="the persona cards" />
          ) : docs instanceof ApiFailure ? (
            <ErrorBox error={docs} />
          ) : (
            docs.map((d) => (
              <article key={d.persona.id} className="persona library-persona" data-persona={d.persona.id}>
                <PersonaHeader p={d.persona} version={d.version} status={d.status} headingLevel={2} />
                <PersonaBody p={d.persona} view={null} open={print} level={3} />
              </article>
            ))
          )}
          {Array.isArray(docs) ? <span data-ready="library" hidden /> : null}
        </div>
      )}
    </Await>
  );
}
