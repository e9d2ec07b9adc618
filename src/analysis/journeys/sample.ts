// Touches of sampled customers as rows (`_j_sev`): their listed touches within the window, plus orders as decision (first) and retention steps.
import type { Engine } from '../../engine/engine.js';
import { SAMPLE } from './customer-stages.js';

export const SEV = '_j_sev';

/** `o` = 1 marks an order step (no channel, content or event); touches have `o` = 0. */
export async function buildSampledTouches(engine: Engine, windowDays: number): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(`DROP TABLE IF EXISTS ${SEV}`);
  await engine.exec(
    `CREATE TEMP TABLE ${SEV} AS
     SELECT customer_id, x.t AS t, x.s AS st, x.c AS ch, x.k AS ct, x.e AS ev, 0 AS o
       FROM (SELECT customer_id, t0, unnest(evs) AS x FROM ${SAMPLE} WHERE evs IS NOT NULL) u
      WHERE ${d.hoursBetween('t0', 'x.t')} <= $wh
     UNION ALL
     SELECT customer_id, ot AS t, CASE WHEN i = 1 THEN 3 ELSE 4 END AS st, CAST(NULL AS ${t.text}) AS ch, CAST(NULL AS ${t.text}) AS ct,
            CAST(NULL AS ${t.text}) AS ev, 1 AS o
       FROM (SELECT customer_id, t0, unnest(list_sort(ots)) AS ot, generate_subscripts(list_sort(ots), 1) AS i FROM ${SAMPLE} WHERE ots IS NOT NULL) v
      WHERE ${d.hoursBetween('t0', 'ot')} <= $wh`,
    { wh: windowDays * 24 },
  );
}
