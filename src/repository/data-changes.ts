// What changed in the data between two snapshots: per entity rows, date range and checksum (the test `refresh` uses to decide on a rebuild).
import type { DataSnapshot } from './version-store.js';

export interface EntityChange {
  entity: string;
  rows_before: number;
  rows_after: number;
  from_before: string | null;
  from_after: string | null;
  to_before: string | null;
  to_after: string | null;
  changed: boolean;
}

export interface DataChanges {
  changed: boolean;
  entities: EntityChange[];
}

export function compareSnapshots(before: DataSnapshot, after: DataSnapshot): DataChanges {
  const names = [...new Set([...before.entities.map((e) => e.entity), ...after.entities.map((e) => e.entity)])];
  const entities = names.map((entity): EntityChange => {
    const a = before.entities.find((e) => e.entity === entity);
    const b = after.entities.find((e) => e.entity === entity);
    return {
      entity,
      rows_before: a?.rows ?? 0, rows_after: b?.rows ?? 0,
      from_before: a?.from ?? null, from_after: b?.from ?? null,
      to_before: a?.to ?? null, to_after: b?.to ?? null,
      changed: (a?.rows ?? 0) !== (b?.rows ?? 0) || (a?.checksum ?? '0') !== (b?.checksum ?? '0'),
    };
  });
  return { changed: entities.some((e) => e.changed), entities };
}

/** The latest timestamp anywhere in a snapshot: how far the data reaches. */
export function dataAsOf(s: DataSnapshot): string | null {
  const ends = s.entities.map((e) => e.to).filter((t): t is string => t !== null).sort();
  return s.as_of ?? ends[ends.length - 1] ?? null;
}
