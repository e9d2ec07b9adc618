#!/usr/bin/env python3
"""Peer for `npm run bench -- build`: the pipeline a data scientist would write.

Features per customer in pandas (RFM, spend mix, channel and content mixes, support load, attributes),
StandardScaler, KMeans with k chosen by silhouette on a sample, then every customer predicted.
Prints one JSON line: seconds, CPU seconds, peak RSS, k, ARI against the generator's planted personas.
"""
import json, resource, sys, time

t0 = time.time()
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

d = sys.argv[1]
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42

customers = pd.read_csv(f"{d}/customers.csv")
orders = pd.read_csv(f"{d}/orders.csv", parse_dates=["ordered_at"])
events = pd.read_csv(f"{d}/events.csv", usecols=["customer_id", "channel", "content_type"])
events = events[events["customer_id"].notna()]
tickets = pd.read_csv(f"{d}/tickets.csv")
feedback = pd.read_csv(f"{d}/feedback.csv", usecols=["customer_id", "rating"])

as_of = orders["ordered_at"].max()
completed = orders[orders["status"] == "completed"]
o = orders.groupby("customer_id").agg(orders=("order_id", "count"), avg_order=("amount", "mean"), spread=("amount", "std"),
                                      first=("ordered_at", "min"), last=("ordered_at", "max"))
o["monetary"] = completed.groupby("customer_id")["amount"].sum()
o["margin_rate"] = completed.groupby("customer_id")["margin"].sum() / o["monetary"]
o["refund_rate"] = orders.assign(r=orders["status"].isin(["refunded", "returned"])).groupby("customer_id")["r"].mean()
o["recency"] = (as_of - o["last"]).dt.days
o["tenure"] = (as_of - o["first"]).dt.days
o = o.drop(columns=["first", "last"])
cat = orders.pivot_table(index="customer_id", columns="category", values="amount", aggfunc="sum", fill_value=0)
cat = cat.div(cat.sum(axis=1), axis=0).add_prefix("cat_")
och = pd.crosstab(orders["customer_id"], orders["channel"], normalize="index").add_prefix("och_")
ech = pd.crosstab(events["customer_id"], events["channel"], normalize="index").add_prefix("ch_")
ect = pd.crosstab(events["customer_id"], events["content_type"], normalize="index").add_prefix("ct_")
n_ev = events.groupby("customer_id").size().rename("events")
t = tickets.groupby("customer_id").agg(tickets=("ticket_id", "count"), minutes=("minutes_spent", "sum"))
f = feedback.groupby("customer_id")["rating"].mean().rename("avg_rating")

X = customers.set_index("customer_id")
X = X.join([o, cat, och, ech, ect, n_ev, t, f])
X["tickets_per_order"] = X["tickets"].fillna(0) / X["orders"].fillna(0).clip(lower=1)
X["minutes_per_order"] = X["minutes"].fillna(0) / X["orders"].fillna(0).clip(lower=1)
for col in ["country", "gender", "acquisition_channel", "loyalty_tier", "industry", "role", "company_size", "plan_tier"]:
    if col in X.columns:
        X = X.join(pd.get_dummies(X[col], prefix=col, dtype=float))
X = X.drop(columns=[c for c in X.columns if X[c].dtype == object or c in ("created_at", "churned_at", "region", "city", "account_id", "job_title")], errors="ignore")
X = X.apply(pd.to_numeric, errors="coerce").astype(float)
X = X.fillna(X.median()).fillna(0)

Z = StandardScaler().fit_transform(X.values)
rng = np.random.default_rng(seed)
sample = Z[rng.choice(len(Z), size=min(len(Z), 20000), replace=False)]
sil_idx = rng.choice(len(sample), size=min(len(sample), 5000), replace=False)
best_k, best_s, scores = 2, -1.0, {}
for k in range(2, 11):
    km = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(sample)
    s = silhouette_score(sample[sil_idx], km.labels_[sil_idx])
    scores[k] = round(float(s), 4)
    if s > best_s:
        best_k, best_s = k, s
km = KMeans(n_clusters=best_k, n_init=4, random_state=seed).fit(sample)
labels = km.predict(Z)
seconds = time.time() - t0

truth = pd.read_csv(f"{d}/truth/customers.csv").set_index("customer_id")["persona"]
ari = adjusted_rand_score(truth.reindex(X.index).values, labels)
cpu_seconds = time.process_time()  # user + system CPU of every thread of this process (BLAS/OpenMP included)
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "k": best_k, "silhouette": scores, "ari": ari, "customers": len(X), "features": X.shape[1]}))
