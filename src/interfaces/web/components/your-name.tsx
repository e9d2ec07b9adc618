// "Your name": who comments, reviews and publishes (no accounts: the name goes into the audit log), remembered in this browser.
import { useEffect, useState } from 'react';

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
  return [name, setName];
}

export function YourName({ name, onChange, id }: { name: string; onChange: (n: string) => void; id: string }) {
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
