// The web UI: routes to the pages (gallery, persona, journeys, versions, data, library) inside the layout.
import { useEffect, useState } from 'react';
import { deleteJson, getJson, SIGN_IN_EVENT, useApi } from './api.js';
import type { Meta, SessionInfo } from './api-types.js';
import { Layout } from './components/layout.js';
import { RouterProvider, match, navigate, useLocation } from './router.js';
import { LoginPage } from './pages/login-page.js';
import { SessionContext } from './session.js';
import { GalleryPage } from './pages/gallery-page.js';
import { PersonaPage } from './pages/persona-page.js';
import { DataPage } from './pages/data-page.js';
import { VersionsPage } from './pages/versions-page.js';
import { LibraryPage } from './pages/library-page.js';
import { JourneyPage, JourneysPage } from './pages/journey-page.js';
import { ScoringPage } from './pages/scoring-page.js';
import { HandmadeListPage } from './pages/handmade-list-page.js';
import { HandmadePage } from './pages/handmade-page.js';

function Routes({ meta }: { meta: Meta | null }) {
  const { path } = useLocation();
  let m: Record<string, string> | null;
  if (path === '/' || path === '/login') return <GalleryPage />;
  if ((m = match('/personas/:id', path))) return <PersonaPage id={m['id'] as string} meta={meta} />;
  if (path === '/journeys') return <JourneysPage />;
  if ((m = match('/journeys/:group', path))) return <JourneyPage group={m['group'] as string} />;
  if (path === '/scoring') return <ScoringPage meta={meta} />;
  if (path === '/library') return <LibraryPage />;
  if (path === '/handmade') return <HandmadeListPage />;
  if ((m = match('/handmade/:id', path))) return <HandmadePage id={m['id'] as string} />;
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

const SIGNED_OUT: SessionInfo = { auth: true, signed_in: false, name: null, role: null, csrf: null };

/** Who is signed in, read again whenever an API call answers 401. */
function useSessionState(): [SessionInfo | null, (s: SessionInfo) => void] {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const again = (): void => setTick((t) => t + 1);
    window.addEventListener(SIGN_IN_EVENT, again);
    return () => window.removeEventListener(SIGN_IN_EVENT, again);
  }, []);
  useEffect(() => {
    getJson<SessionInfo>('/api/session').then(setSession, () => setSession(SIGNED_OUT));
  }, [tick]);
  return [session, setSession];
}

export function App() {
  const [session, setSession] = useSessionState();
  const locked = session === null || (session.auth && !session.signed_in);
  const [meta] = useApi<Meta>(locked ? null : '/api/meta');
  const m = meta.state === 'ok' && !locked ? meta.data : null;
  const signIn = (s: SessionInfo): void => {
    setSession(s);
    if (window.location.pathname === '/login') navigate('/', { replace: true });
  };
  const signOut = (): void => {
    deleteJson<SessionInfo>('/api/session').then(setSession, () => setSession(SIGNED_OUT));
    navigate('/login');
  };
  return (
    <RouterProvider>
      <SessionContext.Provider value={session?.signed_in ? session : null}>
        <Titled meta={m} />
        <Layout meta={m} session={session} onSignOut={signOut}>
          {session === null ? <p role="status">Loading…</p> : locked ? <LoginPage onSignedIn={signIn} /> : <Routes meta={m} />}
        </Layout>
      </SessionContext.Provider>
    </RouterProvider>
  );
}
