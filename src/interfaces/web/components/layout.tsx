// The page frame: a skip link, the site header with navigation, and the main landmark whose heading takes focus after each navigation.
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation, usePrintMode } from '../router.js';
import type { Meta, SessionInfo } from '../api-types.js';

/** `editor`: pages a viewer token may not read (versions, raw data) stay out of its navigation. */
const NAV: { href: string; label: string; feature?: keyof Meta['features']; editor?: boolean }[] = [
  { href: '/', label: 'Personas' },
  { href: '/journeys', label: 'Journeys', feature: 'journeys' },
  { href: '/scoring', label: 'Lead scoring', feature: 'scoring' },
  { href: '/handmade', label: 'Hand-made', editor: true },
  { href: '/versions', label: 'Versions', editor: true },
  { href: '/data', label: 'Data', editor: true },
  { href: '/library', label: 'Library' },
];

function current(path: string, href: string): boolean {
  if (href === '/') return path === '/' || path.startsWith('/personas');
  return path === href || path.startsWith(`${href}/`);
}

export function Layout({ meta, session, onSignOut, children }: { meta: Meta | null; session: SessionInfo | null; onSignOut: () => void; children: ReactNode }) {
  const viewer = session?.role === 'viewer';
  const { path } = useLocation();
  const print = usePrintMode();
  useEffect(() => {
    // after a client-side navigation, move focus to the new page's heading so screen readers announce it
    const h = document.querySelector<HTMLElement>('main h1');
    if (h && document.activeElement && document.activeElement !== document.body) {
      h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: false });
    }
  }, [path]);
  if (print)
    return (
      <main id="main" className="print">
        {children}
      </main>
    );
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Archetype{meta ? <span className="brand-ws"> · {meta.workspace.name}</span> : null}
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => (!n.feature || meta?.features[n.feature]) && !(n.editor && viewer)).map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={current(path, n.href) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {session?.signed_in ? (
          <p className="signed-in">
            <span>
              {session.name} ({session.role})
            </span>{' '}
            <button type="button" onClick={onSignOut}>
              Sign out
            </button>
          </p>
        ) : null}
      </header>
      <main id="main">{children}</main>
      <footer className="site-footer">
        <p>
          Every number on these pages is computed from this workspace’s own data. API: <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
      </footer>
    </>
  );
}
