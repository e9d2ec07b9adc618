// Who is signed in, for components that adapt to it (the name on audited actions, read-only views for viewers); null while authentication is off or loading.
import { createContext, useContext } from 'react';
import type { SessionInfo } from './api-types.js';

export const SessionContext = createContext<SessionInfo | null>(null);

export const useSession = (): SessionInfo | null => useContext(SessionContext);

/** Signed in with a viewer token: the pages hide what only editors and above may do. */
export const useReadOnly = (): boolean => useSession()?.role === 'viewer';
