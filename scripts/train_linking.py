"""Retrain the report-pair model that links reports of one incident.

Usage (from the project root, after ``make setup``):

    .venv/bin/python scripts/train_linking.py ../shared/realnews/gvc-dev [--cache .cache/gvc]

Reads a folder of real news reports with a ``gold.json`` in the Gun Violence Corpus format
(``documents``: report -> incident), and writes

* ``src/crosscheck/data/en/idf.json``: the weights of the words common in news reports,
  counted on the training reports only;
* ``src/crosscheck/data/en/linking.json``: the logistic weights of the report-pair features
  of :mod:`crosscheck.reconcile.incidents.reports`, with the thresholds;
* ``bench/results/linking_training.json``: pairwise precision, recall and F1 of report
  linking on the training incidents and on the held-out ones.

A fixed 30% of the incidents (by a hash of their id, see
``crosscheck.evaluate_incidents.held_out``) is held out: neither the word weights
nor the model see them. The texts stay where they are: only the derived numbers above are
written. Extractions are cached under ``--cache`` (the spaCy pass over 2,753 reports takes
minutes); delete the cache after an extractor change.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crosscheck.analysis import profile as profiles  # noqa: E402
from crosscheck.config import Settings  # noqa: E402
from crosscheck.evaluate_incidents import held_out  # noqa: E402
from crosscheck.model import Document, Extraction  # noqa: E402
from crosscheck.reconcile.incidents import reports as pairs  # noqa: E402
from crosscheck.reconcile.incidents.clusters import Link, cluster  # noqa: E402
from crosscheck.reconcile.incidents.documents import VIOLENT, document_incidents  # noqa: E402
from crosscheck.reconcile.leads import lead_place  # noqa: E402

DATA = ROOT / "src" / "crosscheck" / "data" / "en"
COMMON_SHARE = 0.01  # a word in at least this share of reports is "common"
RARE_BONUS = 1.0  # every other word weighs this much more than the rarest common word
INDEX_TERMS = 20
CANDIDATE_COSINE = 0.08


def load(folder: Path) -> tuple[list[Document], dict[str, str]]:
    gold = json.loads((folder / "gold.json").read_text())
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        meta_path = txt.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        docs.append(
            Document(
                id=txt.stem,
                content_hash=txt.stem,
                text=txt.read_text(encoding="utf-8", errors="replace"),
                path=str(txt),
                title=meta.get("title"),
                outlet=meta.get("outlet"),
                url=meta.get("url"),
                published=meta.get("published"),
                language="en",
            )
        )
    return docs, {str(k): str(v) for k, v in gold["documents"].items()}


def write_weights(docs: list[Document]) -> None:
    """The idf of the words common in the training reports, and the weight of all others."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stop = sorted({w.lower() for w in STOP_WORDS})
    (DATA).mkdir(parents=True, exist_ok=True)
    # Count with the stop words the product will use.
    (DATA / "idf.json").write_text(json.dumps({"common": {}, "rare": 1.0, "stopwords": stop}))
    profiles.weights.cache_clear()
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(profiles.tokens(f"{d.title or ''}\n{d.text}")))
    n = len(docs)
    floor = n * COMMON_SHARE

    def idf(count: float) -> float:
        return math.log((1 + n) / (1 + count)) + 1

    common = {w: round(idf(c), 4) for w, c in sorted(df.items()) if c >= floor}
    table = {
        "about": "Inverse document frequencies of the words common in news reports "
        "(scripts/train_linking.py); every other word weighs `rare`.",
        "reports": n,
        "rare": round(idf(floor) + RARE_BONUS, 4),
        "common": common,
        "stopwords": stop,
    }
    (DATA / "idf.json").write_text(json.dumps(table, indent=0, ensure_ascii=False) + "\n")
    profiles.weights.cache_clear()
    placeholder = {
        "features": list(pairs.FEATURES),
        "weights": [0.0] * len(pairs.FEATURES),
        "bias": 0.0,
        "threshold": 0.5,
        "candidate_cosine": CANDIDATE_COSINE,
        "index_terms": INDEX_TERMS,
    }
    (DATA / "linking.json").write_text(json.dumps(placeholder) + "\n")
    pairs._models.cache_clear()


def extract(docs: list[Document], cache: Path | None) -> dict[str, Extraction]:
    if cache is not None and (cache / "extractions.pkl").exists():
        found: dict[str, Extraction] = pickle.loads((cache / "extractions.pkl").read_bytes())
        if set(found) == {d.id for d in docs}:
            return found
    from crosscheck.analysis.registry import get_extractor

    extractor = get_extractor("en", Settings())
    assert extractor is not None
    started = time.time()
    out = {x.doc_id: x for x in extractor.extract_many(docs)}
    print(f"extracted {len(out)} reports in {time.time() - started:.0f} s", file=sys.stderr)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "extractions.pkl").write_bytes(pickle.dumps(out))
    return out


def side(doc: Document, x: Extraction) -> tuple[str, pairs.Report] | None:
    town = lead_place(doc, x.mentions)
    local = document_incidents(doc, x.events, x.mentions, town)
    main = next((i for i in local if i.main and i.family == VIOLENT), None)
    if main is None:
        return None
    prof = profiles.profile(doc.id, doc.title, doc.text, "en")
    others = [f for i in local if i.family == VIOLENT and i is not main for f in i.members]
    return main.id, pairs.report(
        prof, doc.published, x.mentions, main.members, x.claims, "en", town, others=others
    )


def candidates(reports: dict[str, pairs.Report]) -> list[tuple[str, str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(reports):
        for w in reports[doc_id].index:
            index[w].append(doc_id)
    found = {p for ids in index.values() for p in itertools.combinations(ids, 2)}
    return sorted(
        (a, b)
        for a, b in found
        if pairs.cosine(reports[a].terms, reports[b].terms) >= CANDIDATE_COSINE
    )


def pairwise(clusters: list[list[str]], incident: dict[str, str], keep: set[str]) -> dict:
    pred = {
        frozenset(p)
        for g in clusters
        for p in itertools.combinations(sorted(d for d in g if d in keep), 2)
    }
    by_inc: dict[str, list[str]] = defaultdict(list)
    for d in sorted(keep):
        by_inc[incident[d]].append(d)
    gold = {frozenset(p) for ds in by_inc.values() for p in itertools.combinations(ds, 2)}
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of reports with gold.json")
    parser.add_argument("--cache", type=Path, default=None, help="folder to cache extractions")
    args = parser.parse_args(argv)
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    docs, incident = load(args.corpus)
    docs = [d for d in docs if d.id in incident]
    train_ids = {d.id for d in docs if not held_out(incident[d.id])}
    write_weights([d for d in docs if d.id in train_ids])
    extractions = extract(docs, args.cache)
    reports: dict[str, pairs.Report] = {}
    main_of: dict[str, str] = {}
    for d in docs:
        found = side(d, extractions[d.id])
        if found is not None:
            main_of[d.id], reports[d.id] = found
    cands = candidates(reports)
    X = np.array([pairs.pair_features(reports[a], reports[b]) for a, b in cands])
    y = np.array([incident[a] == incident[b] for a, b in cands])
    train = np.array([a in train_ids and b in train_ids for a, b in cands])
    model = LogisticRegression(max_iter=5000, C=1.0).fit(X[train], y[train])
    weights = [round(float(w), 6) for w in model.coef_[0]]
    bias = round(float(model.intercept_[0]), 6)
    probs = model.predict_proba(X)[:, 1]
    results = {}
    best = None
    for threshold in (0.4, 0.5, 0.6):
        links = [
            Link(float(p), *sorted((main_of[a], main_of[b])))
            for (a, b), p in zip(cands, probs, strict=True)
            if p >= threshold
        ]
        doc_of = {v: k for k, v in main_of.items()}
        groups = cluster(list(doc_of), links, lambda n: ())
        clusters = [[doc_of[n] for n in g] for g in groups]
        clusters += [[d.id] for d in docs if d.id not in main_of]
        train_score = pairwise(clusters, incident, train_ids)
        held_score = pairwise(clusters, incident, {d.id for d in docs} - train_ids)
        results[str(threshold)] = {"train": train_score, "held_out": held_score}
        if best is None or train_score["f1"] > results[str(best)]["train"]["f1"]:
            best = threshold
    assert best is not None
    out = {
        "about": "Report-pair model of crosscheck.reconcile.incidents.reports, trained by "
        "scripts/train_linking.py on real local news (Gun Violence Corpus, development half).",
        "features": list(pairs.FEATURES),
        "weights": weights,
        "bias": bias,
        "threshold": best,
        "candidate_cosine": CANDIDATE_COSINE,
        "index_terms": INDEX_TERMS,
        "trained": {
            "reports": len(docs),
            "training_reports": len(train_ids),
            "candidate_pairs": len(cands),
            "report_linking": results[str(best)],
        },
    }
    (DATA / "linking.json").write_text(json.dumps(out, indent=1) + "\n")
    bench = ROOT / "bench" / "results"
    bench.mkdir(parents=True, exist_ok=True)
    summary = {"threshold": best, "by_threshold": results, "candidate_pairs": len(cands)}
    (bench / "linking_training.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
