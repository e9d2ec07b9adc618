// The initials avatar of a persona, coloured by its id (eight palette classes, each with white text at ≥ 4.5:1 contrast).
import { hue, initials } from '../format.js';

export function Avatar({ id, name, negative, size = 'md' }: { id: string; name: string; negative: boolean; size?: 'md' | 'lg' }) {
  const tone = negative ? 'neg' : String(hue(id) % 8);
  return (
    <span className={`avatar avatar-${size} tone-${tone}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
