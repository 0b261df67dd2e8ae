"""Calibrate the gap-table thresholds on labelled (report, item) pairs and measure agreement.

Truth is a CSV with columns ``report, item_id, status[, split]`` where ``item_id`` is a *text key*:
a distinctive substring of the checklist item's text (robust to renumbering). Rows whose split is
``heldout`` (or ``blind``) are never used for fitting; agreement is reported for tune, held-out and all.

Recalibrate (writes ``pipeline/data/gap_thresholds.json``)::

    .venv/bin/python -m pipeline.gap_calibrate --write
    .venv/bin/python -m pipeline.gap_calibrate --truth other/truth.csv --reports other/reports  # just measure
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
from collections import Counter
from pathlib import Path

from .checklist import Checklist, load_reference
from .gaps import _prepare, assessable, decide, default_thresholds, item_features, score_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRUTH = ROOT / "corpora" / "gaps" / "truth.csv"
DEFAULT_REPORTS = ROOT / "corpora" / "gaps" / "reports"
DEFAULT_REFERENCE = ROOT / "corpora" / "seed" / "speech.txt"
THRESHOLDS_FILE = Path(__file__).resolve().parent / "data" / "gap_thresholds.json"
RELATIVE_GRID = (0.5, 0.6, 0.75, 0.9)
GRID = {
    "actor_penalty": (0.0, 0.25, 0.5),
    "cap_responses": (0, 1),
    "cap_vague": (0, 1),
    "concrete_weight": (0.3, 0.5, 0.7),
    "covered_concrete": (0.0, 0.2, 0.3),
    "problem": (0.1, 0.15, 0.2),
    "admission_ratio": (0.7, 0.9),
    "partial": tuple(round(0.04 + 0.02 * k, 2) for k in range(10)),
    "covered": tuple(round(0.14 + 0.02 * k, 2) for k in range(14)),
}


def read_truth(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["key"] = row.get("item_key") or row["item_id"]
        row["split"] = row.get("split") or "tune"
    return rows


def item_for_key(checklist: Checklist, key: str):
    """The leaf a truth row means: its text contains the key (preferred), or its id equals it."""
    key = key.strip()
    matches = [i for i in checklist.leaves if key and key in i.text] or [i for i in checklist.leaves if i.id == key]
    return matches[0] if matches else None


def labelled_pairs(truth: list[dict], reports_dir: Path, checklist: Checklist, limits: dict) -> list[dict]:
    """Features for every truth pair (reports read and labelled once)."""
    cache: dict[str, tuple] = {}
    pairs = []
    for row in truth:
        if row["report"] not in cache:
            doc = _prepare(reports_dir / row["report"])
            feats = item_features(checklist.leaves, doc, limits) if assessable(doc) else None
            cache[row["report"]] = (doc, feats)
        doc, feats = cache[row["report"]]
        item = item_for_key(checklist, row["key"])
        if item is None:
            raise SystemExit(f"truth key not found in checklist: {row['key']}")
        f = feats[checklist.leaves.index(item)] if feats is not None else None
        pairs.append({**row, "item_id": item.id, "features": f})
    return pairs


def predict(pair: dict, limits: dict) -> str:
    return "not_assessable" if pair["features"] is None else decide(pair["features"], limits)


def agreement(pairs: list[dict], limits: dict) -> float:
    return sum(predict(p, limits) == p["status"] for p in pairs) / len(pairs) if pairs else float("nan")


def calibrate(pairs: list[dict], base: dict) -> dict:
    """Grid search; ties broken toward the grid's middle so thresholds don't sit on a data point."""
    best, best_key = dict(base), None
    for values in itertools.product(*GRID.values()):
        limits = {**base, **dict(zip(GRID, values))}
        if limits["partial"] >= limits["covered"]:
            continue
        score = agreement(pairs, limits)
        centre = -sum(abs(v - sum(GRID[k]) / len(GRID[k])) for k, v in zip(GRID, values))
        key = (score, centre)
        if best_key is None or key > best_key:
            best, best_key = limits, key
    return best


def report(pairs: list[dict], limits: dict) -> dict:
    splits = {s: [p for p in pairs if p["split"] == s] for s in sorted({p["split"] for p in pairs})}
    confusion = Counter((p["status"], predict(p, limits)) for p in pairs)
    per_status = {}
    for status in sorted({p["status"] for p in pairs}):
        predicted = sum(n for (t, p), n in confusion.items() if p == status)
        actual = sum(n for (t, p), n in confusion.items() if t == status)
        hit = confusion.get((status, status), 0)
        per_status[status] = {"precision": round(hit / predicted, 4) if predicted else None,
                              "recall": round(hit / actual, 4) if actual else None, "n": actual}
    return {"agreement": {s: round(agreement(v, limits), 4) for s, v in splits.items()} |
            {"all": round(agreement(pairs, limits), 4)},
            "per_status": per_status,
            "pairs": {s: len(v) for s, v in splits.items()},
            "confusion": {f"{t}->{p}": n for (t, p), n in sorted(confusion.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.gap_calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, default=DEFAULT_TRUTH)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--reference", default=str(DEFAULT_REFERENCE))
    parser.add_argument("--write", action="store_true", help="fit on the tune split and save thresholds")
    parser.add_argument("--errors", action="store_true", help="list disagreeing pairs")
    args = parser.parse_args(argv)
    checklist = load_reference(args.reference)
    limits = dict(default_thresholds())
    pairs = labelled_pairs(read_truth(args.truth), args.reports, checklist, limits)
    if args.write:
        best = None
        for relative in RELATIVE_GRID:
            base = {**limits, "relative": relative}
            trial = labelled_pairs(read_truth(args.truth), args.reports, checklist, base)
            fitted = calibrate([p for p in trial if p["split"] == "tune"], base)
            score = agreement([p for p in trial if p["split"] == "tune"], fitted)
            if best is None or score > best[0]:
                best = (score, fitted, trial)
        _, limits, pairs = best
        summary = report(pairs, limits)
        THRESHOLDS_FILE.write_text(json.dumps({"thresholds": limits, "calibration": summary},
                                              ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    summary = report(pairs, limits)
    print(json.dumps({"thresholds": limits, **summary}, ensure_ascii=False, indent=2))
    if args.errors:
        for p in pairs:
            got = predict(p, limits)
            if got != p["status"]:
                f = p["features"] or {}
                print(f"{p['split']:8} {p['report']:24} {p['item_id']:4} truth={p['status']:21} got={got:21} "
                      f"score={score_of(f, limits) if f else 0:.3f} sim={f.get('similarity', 0):.3f} cov={f.get('coverage', 0):.2f} "
                      f"adm={f.get('admission', 0):.2f} | {(f.get('hits') or [None])[0] and f['hits'][0].text[:40]}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
