// The web UI: routes to the pages (gallery, persona, journeys, versions, data, library) inside the layout.
import { useEffect } from 'react';
import { useApi } from './api.js';
import type { Meta } from './api-types.js';
import { Layout } from './components/layout.js';
import { RouterProvider, match, useLocation } from './router.js';
import { GalleryPage } from './pages/gallery-page.js';
import { PersonaPage } from './pages/persona-page.js';
import { DataPage } from './pages/data-page.js';
import { VersionsPage } from './pages/versions-page.js';
import { LibraryPage } from './pages/library-page.js';
import { JourneyPage, JourneysPage } from './pages/journey-page.js';
import { ScoringPage } from './pages/scoring-page.js';

function Routes({ meta }: { meta: Meta | null }) {
  const { path } = useLocation();
  let m: Record<string, string> | null;
  if (path === '/') return <GalleryPage />;
  if ((m = match('/personas/:id', path))) return <PersonaPage id={m['id'] as string} meta={meta} />;
  if (path === '/journeys') return <JourneysPage />;
  if ((m = match('/journeys/:group', path))) return <JourneyPage group={m['group'] as string} />;
  if (path === '/scoring') return <ScoringPage />;
  if (path === '/library') return <LibraryPage />;
  if (path === '/versions') return <VersionsPage meta={meta} />;
  if (path === '/data') return <DataPage />;
  return <NotFound path={path} />;
}

function NotFound({ path }: { path: string }) {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. Go to the <a href="/">persona gallery</a>.
      </p>
    </>
  );
}

function Titled({ meta }: { meta: Meta | null }) {
  useEffect(() => {
    document.title = meta ? `Archetype · ${meta.workspace.name}` : 'Archetype';
  }, [meta]);
  return null;
}

export function App() {
  const [meta] = useApi<Meta>('/api/meta');
  const m = meta.state === 'ok' ? meta.data : null;
  return (
    <RouterProvider>
      <Titled meta={m} />
      <Layout meta={m}>
        <Routes meta={m} />
      </Layout>
    </RouterProvider>
  );
}
