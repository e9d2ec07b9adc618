// One persona: the card with every claim's evidence and its manual edits marked, a view switcher (cx, content, ux, sales) kept in the URL, comments and change requests.
import { useApi } from '../api.js';
import type { Annotations, Meta, PersonaDocument, View } from '../api-types.js';
import { PersonaBody, PersonaHeader } from '../components/persona-card.js';
import { Await } from '../components/status.js';
import { ViewTabs } from '../components/view-tabs.js';
import { CommentsPanel, commentsPath } from '../components/comments-panel.js';
import { Link, navigate, useLocation, usePrintMode } from '../router.js';

function PersonaView({ d, meta, version, onSelectView }: { d: PersonaDocument; meta: Meta | null; version: string | null; onSelectView: (name: string | null) => void }) {
  const { query } = useLocation();
  const print = usePrintMode();
  // compact: the card alone (key fields and traits, evidence closed), for PNG cards
  const compact = query.get('compact') === '1';
  const [views] = useApi<{ views: View[] }>('/api/views');
  const [notes, reloadNotes] = useApi<Annotations>(meta?.features.comments ? commentsPath(d.persona.id, d.version) : null);
  const edits = notes.state === 'ok' ? [...notes.data.edits, ...notes.data.carried_edits] : [];
  return (
    <>
      {print ? null : (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href={`/${version ? `?version=${encodeURIComponent(version)}` : ''}`}>Personas</Link> › <span aria-current="page">{d.persona.name}</span>
        </nav>
      )}
      <article id="persona-card" className="persona" data-persona={d.persona.id}>
        <PersonaHeader p={d.persona} version={d.version} status={d.status} />
        {views.state === 'ok' && !print ? <ViewTabs views={views.data.views} current={d.view?.name ?? null} onSelect={onSelectView} panelId="persona-panel" /> : null}
        {print && d.view ? <p className="view-label">{d.view.label} view</p> : null}
        <div id="persona-panel" role={print ? undefined : 'tabpanel'} aria-labelledby={print ? undefined : `tab-${d.view?.name ?? 'all'}`}>
          <PersonaBody p={d.persona} view={d.view} open={print && !compact} compact={compact} edits={edits} />
        </div>
      </article>
      {meta?.features.journeys && d.persona.kind === 'buyer' && !print ? (
        <p className="see-also">
          <Link href={`/journeys/${encodeURIComponent(d.persona.id)}${version ? `?version=${encodeURIComponent(version)}` : ''}`}>Journey map of {d.persona.name}</Link>
        </p>
      ) : null}
      {meta?.features.comments && !print ? <CommentsPanel personaId={d.persona.id} version={d.version} notes={notes} reload={reloadNotes} /> : null}
    </>
  );
}

export function PersonaPage({ id, meta }: { id: string; meta: Meta | null }) {
  const { query } = useLocation();
  const view = query.get('view');
  const version = query.get('version');
  const params = new URLSearchParams();
  if (version) params.set('version', version);
  if (view) params.set('view', view);
  const qs = params.toString();
  const [doc] = useApi<PersonaDocument>(`/api/personas/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`);
  const select = (name: string | null): void => {
    const next = new URLSearchParams(query);
    if (name) next.set('view', name);
    else next.delete('view');
    const s = next.toString();
    navigate(`/personas/${encodeURIComponent(id)}${s ? `?${s}` : ''}`, { replace: true });
  };
  return (
    <Await loaded={doc} what={`persona ${id}`}>
      {(d) => <PersonaView d={d} meta={meta} version={version} onSelectView={select} />}
    </Await>
  );
}
