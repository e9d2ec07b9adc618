// Touches of sampled customers as rows (`_j_sev`): their listed touches within the window, plus orders as decision (first) and retention steps.
import type { Engine } from '../../engine/engine.js';
import { OD, SAMPLE, SEVRAW } from './customer-stages.js';

export const SEV = '_j_sev';

/** `o` = 1 marks an order step (no channel, content or event); touches have `o` = 0. Drops the scan tables afterwards. */
export async function buildSampledTouches(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const t = d.types;
  await engine.exec(d.dropTable(SEV));
  await engine.exec(
    d.createTableAs(
      SEV,
      `SELECT u.customer_id AS customer_id, u.t AS t, u.si AS st, u.ch AS ch, u.ct AS ct, u.ev AS ev, 0 AS o
         FROM ${SEVRAW} u JOIN ${SAMPLE} s ON s.customer_id = u.customer_id
        WHERE u.t <= s.t_end
       UNION ALL
       SELECT v.customer_id AS customer_id, v.ot AS t, CASE WHEN v.i = 1 THEN 3 ELSE 4 END AS st, CAST(NULL AS ${t.text}) AS ch,
              CAST(NULL AS ${t.text}) AS ct, CAST(NULL AS ${t.text}) AS ev, 1 AS o
         FROM (SELECT customer_id, sorted[i] AS ot, i
                 FROM (SELECT customer_id, sorted, ${d.unnest(d.listSequence(d.listLength('sorted')))} AS i
                         FROM (SELECT customer_id, ${d.listSort('ots')} AS sorted FROM ${OD} WHERE ots IS NOT NULL) o) p) v
         JOIN ${SAMPLE} s ON s.customer_id = v.customer_id
        WHERE v.ot <= s.t_end`,
      { temporary: true },
    ),
  );
  await engine.exec(d.dropTable(SEVRAW));
  await engine.exec(d.dropTable(OD));
}
