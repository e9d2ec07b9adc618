// "Your name": who comments, reviews and publishes — the name typed (remembered in this browser) without authentication, the token's name when signed in.
import { useEffect, useState } from 'react';
import { useSession } from '../session.js';

const KEY = 'archetype.name';

export function useYourName(): [string, (name: string) => void] {
  const [name, setName] = useState<string>(() => {
    try {
      return window.localStorage.getItem(KEY) ?? '';
    } catch {
      return '';
    }
  });
  useEffect(() => {
    try {
      window.localStorage.setItem(KEY, name);
    } catch {
      // private mode: the name lasts for this page only
    }
  }, [name]);
  // signed in: the server records the token's name whatever is typed, so the page shows that name
  const session = useSession();
  return session?.name ? [session.name, setName] : [name, setName];
}

export function YourName({ name, onChange, id }: { name: string; onChange: (n: string) => void; id: string }) {
  const session = useSession();
  if (session?.name)
    return (
      <p className="form-row" id={id}>
        Signed in as <strong>{session.name}</strong> ({session.role}): your token is kept with your action in the audit log.
      </p>
    );
  return (
    <div className="form-row">
      <label htmlFor={id}>Your name</label>
      <input id={id} type="text" autoComplete="name" value={name} maxLength={100} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className="hint">
        kept with your action in the audit log
      </span>
    </div>
  );
}
