// One persona: the card with every claim's evidence, a view switcher (cx, content, ux, sales) kept in the URL, and comments and change requests when the workspace has them.
import { useApi } from '../api.js';
import type { Meta, PersonaDocument, View } from '../api-types.js';
import { PersonaBody, PersonaHeader } from '../components/persona-card.js';
import { Await } from '../components/status.js';
import { ViewTabs } from '../components/view-tabs.js';
import { CommentsPanel } from '../components/comments-panel.js';
import { Link, navigate, useLocation, usePrintMode } from '../router.js';

export function PersonaPage({ id, meta }: { id: string; meta: Meta | null }) {
  const { query } = useLocation();
  const print = usePrintMode();
  // compact: the card alone (key fields and traits, evidence closed), for PNG cards
  const compact = query.get('compact') === '1';
  const view = query.get('view');
  const version = query.get('version');
  const params = new URLSearchParams();
  if (version) params.set('version', version);
  if (view) params.set('view', view);
  const qs = params.toString();
  const [doc] = useApi<PersonaDocument>(`/api/personas/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`);
  const [views] = useApi<{ views: View[] }>('/api/views');
  const select = (name: string | null): void => {
    const next = new URLSearchParams(query);
    if (name) next.set('view', name);
    else next.delete('view');
    const s = next.toString();
    navigate(`/personas/${encodeURIComponent(id)}${s ? `?${s}` : ''}`, { replace: true });
  };
  return (
    <Await loaded={doc} what={`persona ${id}`}>
      {(d) => (
        <>
          {print ? null : (
            <nav aria-label="Breadcrumb" className="breadcrumb">
              <Link href={`/${version ? `?version=${encodeURIComponent(version)}` : ''}`}>Personas</Link> › <span aria-current="page">{d.persona.name}</span>
            </nav>
          )}
          <article id="persona-card" className="persona" data-persona={d.persona.id}>
            <PersonaHeader p={d.persona} version={d.version} status={d.status} />
            {views.state === 'ok' && !print ? <ViewTabs views={views.data.views} current={d.view?.name ?? null} onSelect={select} panelId="persona-panel" /> : null}
            {print && d.view ? <p className="view-label">{d.view.label} view</p> : null}
            <div id="persona-panel" role={print ? undefined : 'tabpanel'} aria-labelledby={print ? undefined : `tab-${d.view?.name ?? 'all'}`}>
              <PersonaBody p={d.persona} view={d.view} open={print && !compact} compact={compact} />
            </div>
          </article>
          {meta?.features.journeys && d.persona.kind === 'buyer' && !print ? (
            <p className="see-also">
              <Link href={`/journeys/${encodeURIComponent(d.persona.id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`}>Journey map of {d.persona.name}</Link>
            </p>
          ) : null}
          {meta?.features.comments && !print ? <CommentsPanel personaId={d.persona.id} version={d.version} /> : null}
        </>
      )}
    </Await>
  );
}
