// Touches of sampled customers as rows (`_j_sev`): their listed touches within the window, plus orders as decision (first) and retention steps.
import type { Engine } from '../../engine/engine.js';
import { EV, OD, SAMPLE } from './customer-stages.js';
import { stageIndexOf } from './stage-rules.js';

export const SEV = '_j_sev';

/** `o` = 1 marks an order step (no channel, content or event); touches have `o` = 0. Drops the scan tables afterwards. */
export async function buildSampledTouches(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(`DROP TABLE IF EXISTS ${SEV}`);
  await engine.exec(
    `CREATE TEMP TABLE ${SEV} AS
     SELECT u.customer_id, u.x.t AS t, ${stageIndexOf(d, 'u.st')} AS st, u.x.c AS ch, u.x.k AS ct, u.x.e AS ev, 0 AS o
       FROM (SELECT customer_id, st, unnest(evs) AS x FROM ${EV} WHERE evs IS NOT NULL) u JOIN ${SAMPLE} s ON s.customer_id = u.customer_id
      WHERE u.x.t <= s.t_end
     UNION ALL
     SELECT v.customer_id, v.ot AS t, CASE WHEN v.i = 1 THEN 3 ELSE 4 END AS st, CAST(NULL AS ${t.text}) AS ch, CAST(NULL AS ${t.text}) AS ct,
            CAST(NULL AS ${t.text}) AS ev, 1 AS o
       FROM (SELECT customer_id, unnest(list_sort(ots)) AS ot, generate_subscripts(list_sort(ots), 1) AS i FROM ${OD} WHERE ots IS NOT NULL) v
       JOIN ${SAMPLE} s ON s.customer_id = v.customer_id
      WHERE v.ot <= s.t_end`,
  );
  await engine.exec(`DROP TABLE IF EXISTS ${EV}`);
  await engine.exec(`DROP TABLE IF EXISTS ${OD}`);
}
