// The view switcher: a tab list (full card, then each team's view) operated by click or arrow keys, Home and End.
import { useRef, type KeyboardEvent } from 'react';
import type { View } from '../api-types.js';

export function ViewTabs({ views, current, onSelect, panelId }: { views: View[]; current: string | null; onSelect: (name: string | null) => void; panelId: string }) {
  const tabs: { name: string | null; label: string }[] = [{ name: null, label: 'Full card' }, ...views.map((v) => ({ name: v.name, label: v.label }))];
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((t) => t.name === current));
  // arrows move from the tab that has focus (automatic activation: the focused tab is selected)
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, from: number): void => {
    const last = tabs.length - 1;
    const to = e.key === 'ArrowRight' ? (from === last ? 0 : from + 1) : e.key === 'ArrowLeft' ? (from === 0 ? last : from - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (to < 0) return;
    e.preventDefault();
    onSelect(tabs[to]?.name ?? null);
    refs.current[to]?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Team view">
      {tabs.map((t, i) => (
        <button
          key={t.name ?? 'all'}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.name ?? 'all'}`}
          aria-selected={i === index}
          aria-controls={panelId}
          tabIndex={i === index ? 0 : -1}
          onClick={() => onSelect(t.name)}
          onKeyDown={(e) => onKey(e, i)}
          data-view={t.name ?? 'all'}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
