# Peer for `npm run bench -- journeys`: the same funnel, paths and attribution written plainly in pandas (+ numpy).
# Reads the generated CSV exports and the persona assignments; prints one JSON line with timings and results.
# Usage: python3 journeys_pandas.py EXPORTS_DIR ASSIGNMENTS_CSV WINDOW_DAYS
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

exports, assignments_csv, window_days = sys.argv[1], sys.argv[2], float(sys.argv[3])
STAGES = ['awareness', 'consideration', 'decision', 'retention', 'advocacy']
cpu0 = time.process_time()
t0 = time.time()

# ---- load ----
ev = pd.read_csv(f'{exports}/events.csv', usecols=['customer_id', 'occurred_at', 'event', 'channel', 'stage', 'content_type', 'url'],
                 dtype={'customer_id': 'category', 'event': 'category', 'channel': 'category', 'stage': 'category',
                        'content_type': 'category', 'url': 'string'})
ev['occurred_at'] = pd.to_datetime(ev['occurred_at'], format='%Y-%m-%dT%H:%M:%SZ')
od = pd.read_csv(f'{exports}/orders.csv', usecols=['customer_id', 'ordered_at', 'amount'], dtype={'customer_id': 'string'})
od['ordered_at'] = pd.to_datetime(od['ordered_at'], format='%Y-%m-%dT%H:%M:%SZ')
asg = pd.read_csv(assignments_csv, dtype={'customer_id': 'string', 'persona_id': 'string'})
load_s = time.time() - t0
t1 = time.time()
cpu1 = time.process_time()

# ---- stages: the column, else a few rules on the event name ----
ev = ev[ev['customer_id'].notna()]
st = ev['stage'].map({s: i + 1 for i, s in enumerate(STAGES)}).astype('float')
missing = st.isna()
if missing.any():
    name = ev.loc[missing, 'event'].astype('string').str.lower()
    conds = [name.str.contains('review|referral|share'), name.str.contains('repeat_order|renewal'),
             name.str.contains('order_completed|purchase|checkout'), name.str.contains('pricing|compare|product_view'),
             name.str.contains('ad_click|landing')]
    st.loc[missing] = np.select(conds, [5, 4, 3, 2, 1], default=np.nan)
ev['st'] = st
ev = ev[ev['st'].notna()].copy()
ev['customer_id'] = ev['customer_id'].astype('string')

od = od.sort_values(['customer_id', 'ordered_at'], kind='stable')
od['rank'] = od.groupby('customer_id').cumcount()
first = od[od['rank'] == 0].set_index('customer_id')
second = od[od['rank'] == 1].set_index('customer_id')

# ---- funnel ----
ft = ev.groupby(['customer_id', 'st'])['occurred_at'].min().unstack()
ft = ft.reindex(columns=[1.0, 2.0, 3.0, 4.0, 5.0])
ids = ft.index.union(first.index)
ft = ft.reindex(ids)
ft[3.0] = pd.concat([ft[3.0], first['ordered_at'].reindex(ids)], axis=1).min(axis=1)
ft[4.0] = pd.concat([ft[4.0], second['ordered_at'].reindex(ids)], axis=1).min(axis=1)
t0s = ft.min(axis=1)
ft = ft.where(ft.le(t0s + pd.Timedelta(days=window_days), axis=0))
persona = asg.set_index('customer_id')['persona_id']
groups = {'all': ft.index}
for p in persona.dropna().unique():
    groups[p] = ft.index.intersection(persona[persona == p].index)
funnel = {}
for g, idx in groups.items():
    f = ft.loc[idx]
    rows = []
    for i in range(5):
        n = int(f[float(i + 1)].notna().sum())
        row = {'stage': STAGES[i], 'customers': n}
        if i > 0:
            gap = (f[float(i + 1)] - f[float(i)]).dt.total_seconds() / 3600
            gap = gap[gap >= 0]
            row['median_hours'] = float(gap.median()) if len(gap) else None
            row['p90_hours'] = float(gap.quantile(0.9)) if len(gap) else None
        rows.append(row)
    funnel[g] = rows

# ---- paths (touches and orders within the window, in time order, repeats collapsed) ----
ev = ev.join(t0s.rename('t0'), on='customer_id')
ev = ev[ev['occurred_at'] <= ev['t0'] + pd.Timedelta(days=window_days)]
ords = od[['customer_id', 'ordered_at']].rename(columns={'ordered_at': 'occurred_at'}).copy()
ords['st'] = np.where(od['rank'] == 0, 3.0, 4.0)
ords = ords.join(t0s.rename('t0'), on='customer_id')
ords = ords[ords['occurred_at'] <= ords['t0'] + pd.Timedelta(days=window_days)]
seq = pd.concat([ev[['customer_id', 'occurred_at', 'st', 'channel', 'event']], ords[['customer_id', 'occurred_at', 'st']]], ignore_index=True)
seq = seq.sort_values(['customer_id', 'occurred_at', 'st'], kind='stable')


def collapsed(df, col):
    same = (df[col] == df[col].shift()) & (df['customer_id'] == df['customer_id'].shift())
    return df[~same.fillna(False)]


def top_paths(steps, col, k):
    steps = steps.copy()
    steps['i'] = steps.groupby('customer_id').cumcount()
    paths = steps[steps['i'] < k].groupby('customer_id')[col].agg(lambda s: ' > '.join(map(str, s)))
    out = {}
    frame = paths.to_frame('path').join(persona, how='left')
    for g in groups:
        sub = frame if g == 'all' else frame[frame['persona_id'] == g]
        out[g] = sub['path'].value_counts().head(20).to_dict()
    return out


stage_steps = collapsed(seq, 'st')
touches = seq[seq['channel'].notna()]
paths = {'stage': top_paths(stage_steps, 'st', 8), 'channel': top_paths(collapsed(touches, 'channel'), 'channel', 5),
         'event': top_paths(collapsed(touches, 'event'), 'event', 5)}
s = stage_steps[['customer_id', 'st']].copy()
s['n1'] = s.groupby('customer_id')['st'].shift(-1)
s['n2'] = s.groupby('customer_id')['st'].shift(-2)
loops = s[(s['st'] == s['n2']) & (s['st'] != s['n1'])].drop_duplicates(['customer_id', 'st', 'n1'])
loop_counts = loops.groupby(['st', 'n1']).size().to_dict()

# ---- attribution: channel runs up to the first decision (or the window's end), Markov order 1 + heuristics ----
dec = ft[3.0]
tt = touches.join(dec.rename('t3'), on='customer_id')
tt = tt[tt['t3'].isna() | (tt['occurred_at'] <= tt['t3'])]
tt = collapsed(tt, 'channel')
tt = tt.groupby('customer_id').tail(30)
jp = tt.groupby('customer_id')['channel'].agg(tuple).to_frame('path')
jp['conv'] = dec.reindex(jp.index).notna()
jp = jp.join(persona, how='left')


def attribute(frame):
    agg = frame.groupby('path')['conv'].agg(['sum', 'count'])
    agg['nulls'] = agg['count'] - agg['sum']
    channels = sorted({c for p in agg.index for c in p})
    first_touch = {c: 0.0 for c in channels}
    last_touch = dict(first_touch)
    linear = dict(first_touch)
    for path, row in agg.iterrows():
        conv = row['sum']
        if conv == 0:
            continue
        first_touch[path[0]] += conv
        last_touch[path[-1]] += conv
        for c in path:
            linear[c] += conv / len(path)
    states = ['(start)'] + channels + ['(conversion)', '(null)']
    ix = {s: i for i, s in enumerate(states)}
    n = len(states)
    counts = np.zeros((n, n))
    for path, row in agg.iterrows():
        journeys = row['count']
        prev = '(start)'
        for c in path:
            counts[ix[prev], ix[c]] += journeys
            prev = c
        counts[ix[prev], ix['(conversion)']] += row['sum']
        counts[ix[prev], ix['(null)']] += row['nulls']

    def p_conv(removed=None):
        m = counts.copy()
        if removed is not None:
            r = ix[removed]
            m[:, ix['(null)']] += m[:, r]
            m[:, r] = 0
        rows = m.sum(axis=1, keepdims=True)
        p = np.divide(m, rows, out=np.zeros_like(m), where=rows > 0)
        transient = list(range(0, n - 2))
        q = p[np.ix_(transient, transient)]
        b = p[transient, ix['(conversion)']]
        return np.linalg.solve(np.eye(len(transient)) - q, b)[0]

    base = p_conv()
    removal = {c: 1 - p_conv(c) / base for c in channels}
    total = float(agg['sum'].sum())
    markov = {c: total * removal[c] / sum(removal.values()) for c in channels}
    return {'first': first_touch, 'last': last_touch, 'linear': linear, 'markov': markov}


attribution = {g: attribute(jp if g == 'all' else jp[jp['persona_id'] == g]) for g in groups}
markov = attribution['all']['markov']
compute_s = time.time() - t1
print(json.dumps({
    'load_s': load_s, 'compute_s': compute_s, 'cpu_s': time.process_time() - cpu1, 'load_cpu_s': cpu1 - cpu0,
    'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'events': int(len(ev)), 'funnel_all': [r['customers'] for r in funnel['all']],
    'top_stage_path_all': next(iter(paths['stage']['all'].items()), None),
    'markov_all': {c: round(v, 1) for c, v in sorted(markov.items(), key=lambda kv: -kv[1])},
    'loops': len(loop_counts),
}))
