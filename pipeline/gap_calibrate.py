"""Calibrate the gap-table thresholds on labelled (report, item) pairs and measure agreement.

Truth is a CSV with columns ``report, item_id, status[, split][, reference]`` where ``item_id`` is a
*text key*: a distinctive substring of the checklist item's text (robust to renumbering). Rows whose
split is ``heldout`` (or ``blind``) are never used for fitting; agreement is reported for tune,
held-out and all. A ``reference`` column (path under ``--reports``, like ``report``) lets one truth
file answer several speeches: the real-report set ``corpora/gaps/real/truth.csv``.

Two sets are scored: the seed's synthetic reports (``corpora/gaps/truth.csv``) and the real school
reports against three real education speeches (``corpora/gaps/real/truth.csv``); ``--write`` fits
on the tune splits of both (the mean of their agreements) and stores both sets' figures.

Recalibrate (writes ``pipeline/data/gap_thresholds.json``)::

    .venv/bin/python -m pipeline.gap_calibrate --write
    .venv/bin/python -m pipeline.gap_calibrate --truth other/truth.csv --reports other/reports  # just measure

``gap_scope``'s rules (aims and governing measures capped at partial, facets needing their topic,
mindsets their name) follow the thresholds' ``scope_rules`` key; ``--no-scope`` scores with them off,
``--scope-rules aim,facet`` with only those, and ``--compare-scope`` prints every split's agreement
with the rules on and off side by side (features are computed once per setting)::

    .venv/bin/python -m pipeline.gap_calibrate --compare-scope
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
from collections import Counter
from pathlib import Path

from .checklist import Checklist, load_reference
from .gap_evidence import SHARED_BEST_CAP
from .gap_scope import RULES as SCOPE_RULES, active_rules, leaf_contexts
from .gaps import _prepare, assessable, decide, default_thresholds, item_features, resolve, score_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRUTH = ROOT / "corpora" / "gaps" / "truth.csv"
DEFAULT_REPORTS = ROOT / "corpora" / "gaps" / "reports"
DEFAULT_REFERENCE = ROOT / "corpora" / "seed" / "speech.txt"
REAL_TRUTH = ROOT / "corpora" / "gaps" / "real" / "truth.csv"
REAL_BASE = ROOT / "corpora"
THRESHOLDS_FILE = Path(__file__).resolve().parent / "data" / "gap_thresholds.json"
RELATIVE_GRID = (0.5, 0.6, 0.75, 0.9)
SENTENCE_GRID = (0.0, 0.7, 0.8)      # features change with these two: each value is a new feature pass
GRID = {
    "actor_penalty": (0.0, 0.25, 0.5),
    "cap_responses": (0, 1),
    "cap_vague": (0, 1),
    "concrete_weight": (0.3, 0.5, 0.7),
    "covered_concrete": (0.0, 0.2, 0.3),
    "problem": (0.1, 0.15, 0.2),
    "admission_ratio": (0.7, 0.9),
    "admitted": (0.06, 0.08, 0.1, 0.12, 0.15),
    "covered_specific": (0.0, 1.5, 3.0),
    "covered_similarity": (0.0, 0.09, 0.1, 0.11, 0.12),
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
    """Features for every truth pair (reports read and labelled once). A row naming a ``reference``
    (path under ``reports_dir``) is scored against that reference's checklist instead of ``checklist``."""
    cache: dict[tuple[str, str], tuple] = {}
    checklists: dict[str, Checklist] = {"": checklist}
    pairs = []
    for row in truth:
        ref = row.get("reference") or ""
        if ref not in checklists:
            checklists[ref] = _reference(str(reports_dir / ref))
        checklist = checklists[ref]
        if (ref, row["report"]) not in cache:
            doc = _prepared(reports_dir / row["report"])
            feats = item_features(checklist.leaves, doc, limits, contexts=leaf_contexts(checklist)) if assessable(doc) else None
            cache[(ref, row["report"])] = (doc, feats)
        doc, feats = cache[(ref, row["report"])]
        item = item_for_key(checklist, row["key"])
        if item is None:
            raise SystemExit(f"truth key not found in checklist: {row['key']}")
        f = feats[checklist.leaves.index(item)] if feats is not None else None
        pairs.append({**row, "item_id": item.id, "features": f})
    return pairs


_DOCS: dict[Path, object] = {}


def _prepared(path: Path):
    """A report read and labelled once per process (refits read every report once per grid step)."""
    if path not in _DOCS:
        _DOCS[path] = _prepare(path)
    return _DOCS[path]


_CHECKLISTS: dict[str, Checklist] = {}


def _reference(path: str) -> Checklist:
    """A reference speech's checklist, built once per process (a refit scores every set once per grid step)."""
    if path not in _CHECKLISTS:
        _CHECKLISTS[path] = load_reference(path)
    return _CHECKLISTS[path]


def predict(pair: dict, limits: dict) -> str:
    return "not_assessable" if pair["features"] is None else decide(pair["features"], limits)


def agreement(pairs: list[dict], limits: dict) -> float:
    return sum(predict(p, limits) == p["status"] for p in pairs) / len(pairs) if pairs else float("nan")


def calibrate(pairs: list[dict], base: dict, *more: list[dict]) -> dict:
    """Grid search; ties broken toward the grid's middle so thresholds don't sit on a data point.
    ``more``: further truth sets (the real reports); the objective is the mean of the sets'
    agreements, so a small real set weighs as much as the larger synthetic one.

    The last two grid keys (``partial``, ``covered``) are searched at once as arrays over every
    pair (``_statuses``); the others in a loop, in ``itertools.product`` order, so the first best
    combination in that order wins, as a plain loop over all combinations would pick it."""
    import numpy as np

    sets = [_arrays(s) for s in (pairs, *more) if s]
    names = list(GRID)
    outer, (p_name, c_name) = names[:-2], names[-2:]
    p_values, c_values = np.array(GRID[p_name]), np.array(GRID[c_name])
    valid = p_values[:, None] < c_values[None, :]
    mid = {k: sum(v) / len(v) for k, v in GRID.items()}
    p_distance, c_distance = np.abs(p_values - mid[p_name]), np.abs(c_values - mid[c_name])
    best, best_key = dict(base), None
    for values in itertools.product(*(GRID[k] for k in outer)):
        limits = {**base, **dict(zip(outer, values))}
        score = sum(_agreements(a, limits, p_values, c_values) for a in sets) / len(sets)
        # summed in grid order, as -sum(...) over all keys sums them: equal centres stay equal floats
        outer_distance = sum(abs(v - mid[k]) for k, v in zip(outer, values))
        centre = -((outer_distance + p_distance)[:, None] + c_distance[None, :])
        score = np.where(valid, score, -1.0)
        top = score.max()
        at = np.flatnonzero((score == top).ravel())
        pick = at[np.argmax(centre.ravel()[at])]            # first of the best centred, C order
        key = (float(top), float(centre.ravel()[pick]))
        if best_key is None or key > best_key:
            i, j = divmod(int(pick), len(c_values))
            best, best_key = {**limits, p_name: GRID[p_name][i], c_name: GRID[c_name][j]}, key
    return best


_STATUS_CODE = {"missing": 0, "partial": 1, "covered": 2, "problem_acknowledged": 3, "not_assessable": 4,
                "not_applicable": 5}


def _arrays(pairs: list[dict]) -> dict:
    """The features ``decide`` reads, one array per feature over ``pairs`` (None features:
    not_assessable), and under ``plain`` the same read without the admitting passages among the
    evidence (``gap_evidence.resolve``), which ``_agreements`` takes wherever the thresholds at hand
    do not make the pair ``problem_acknowledged``: the choice is made per threshold set, as
    ``decide`` makes it (review7 M17)."""
    import numpy as np

    raw = [p["features"] or {} for p in pairs]
    base = [{k: v for k, v in f.items() if k != "without_admissions"} for f in raw]
    plain = [{**b, **f["without_admissions"], "admission": 0.0} if f.get("without_admissions") else b
             for f, b in zip(raw, base)]
    out = _columns(pairs, base)
    out["plain"] = {k: v for k, v in _columns(pairs, plain).items() if k not in ("truth", "assessable", "n")}
    out["has_plain"] = np.array([bool(f.get("without_admissions")) for f in raw])
    return out


def _columns(pairs: list[dict], feats: list[dict]) -> dict:
    import numpy as np

    def column(name, default=0.0):
        return np.array([f.get(name, default) if f else 0.0 for f in feats], dtype=float)

    return {"truth": np.array([_STATUS_CODE[p["status"]] for p in pairs]),
            "assessable": np.array([bool(f) for f in feats]),
            "base": column("base"), "concrete": column("concrete"), "similarity": column("similarity"),
            "admission": column("admission"), "foreign": column("foreign").astype(bool),
            "planned": column("planned").astype(bool), "vague": column("vague").astype(bool),
            "responding": column("responding").astype(bool), "admitted": column("admitted"),
            "reported": column("reported").astype(bool),
            "not_responsible": column("not_responsible").astype(bool),
            "other_sector": column("other_sector").astype(bool), "shared_best": column("shared_best"),
            "beyond_unit": column("beyond_unit").astype(bool), "off_topic": column("off_topic").astype(bool),
            "topic_unnamed": column("topic_unnamed").astype(bool),
            "specific": column("specific", float("inf")), "n": len(pairs)}


def _agreements(a: dict, limits: dict, partials, covereds):
    """Agreement of ``decide`` over one set's arrays at every (partial, covered) threshold pair."""
    import numpy as np

    if "plain" in a:          # without the admitting passages wherever they do not make the row 自查有差距
        admits = (((a["similarity"] >= limits["problem"]) & (a["admission"] >= limits["admission_ratio"])) | (
            a["admitted"] >= limits.get("admitted", 1.0))) & ~a["beyond_unit"]
        use = a["has_plain"] & ~admits
        a = {k: (np.where(use, a["plain"][k], v) if k in a["plain"] else v)
             for k, v in a.items() if k not in ("plain", "has_plain")}
    weight = limits.get("concrete_weight", 0.5)
    score = a["base"] * ((1 - weight) + weight * a["concrete"])
    score = np.where(a["foreign"], score * limits.get("actor_penalty", 0.5), score)
    score = np.array([round(x, 4) for x in score.tolist()])          # as score_of rounds
    problem = (((a["similarity"] >= limits["problem"]) & (a["admission"] >= limits["admission_ratio"])) | (
        a["admitted"] >= limits.get("admitted", 1.0))) & ~a["beyond_unit"]
    capped = a["planned"] | (a["responding"] & bool(limits.get("cap_responses", 0))) | (
        a["vague"] & bool(limits.get("cap_vague", 0))) | (a["reported"] & bool(limits.get("cap_reported", 0))) | (
        a["other_sector"]) | (a["shared_best"] >= SHARED_BEST_CAP) | a["beyond_unit"] | a["topic_unnamed"]
    can_cover = ~capped & (a["concrete"] >= limits.get("covered_concrete", 0.0)) & (
        a["specific"] >= limits.get("covered_specific", 0.0)) & (
        a["similarity"] >= limits.get("covered_similarity", 0.0))
    covered = (score[None, :] >= covereds[:, None]) & can_cover[None, :]          # covered × pairs
    partial = score[None, :] >= partials[:, None]                                 # partial × pairs
    nothing = np.where(a["not_responsible"], 5, 0)
    status = np.where(covered[None, :, :], 2, np.where(partial[:, None, :], 1, nothing))
    status = np.where(a["off_topic"], nothing, status)
    status = np.where(problem, 3, status)
    status = np.where(a["assessable"], status, 4)
    return (status == a["truth"]).sum(axis=2) / a["n"]


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


def truth_sets(args) -> list[tuple[str, Path, Path, str]]:
    """(name, truth csv, base folder of its reports, default reference) of the sets to score: the
    seed corpus and the real-report set, or only the set given with ``--truth``."""
    if args.truth is not None:
        return [("custom", args.truth, args.reports, args.reference)]
    return [("seed", DEFAULT_TRUTH, DEFAULT_REPORTS, args.reference), ("real", REAL_TRUTH, REAL_BASE, args.reference)]


def set_pairs(sets, limits: dict) -> dict[str, list[dict]]:
    return {name: labelled_pairs(read_truth(truth), base, _reference(reference), limits)
            for name, truth, base, reference in sets}


def compare_scope(sets, limits: dict) -> dict:
    """Per set and split: agreement with ``gap_scope``'s rules on (all of them) and off, the pairs
    whose status changes and how many of those each setting gets right."""
    on = set_pairs(sets, {**limits, "scope_rules": True})
    off = set_pairs(sets, {**limits, "scope_rules": False})
    out: dict = {}
    for name in on:
        rows: dict = {}
        for split in sorted({p["split"] for p in on[name]}) + ["all"]:
            pick = [k for k, p in enumerate(on[name]) if split in ("all", p["split"])]
            got_on = [predict(on[name][k], limits) for k in pick]
            got_off = [predict(off[name][k], limits) for k in pick]
            truth = [on[name][k]["status"] for k in pick]
            changed = [k for k, (a, b) in enumerate(zip(got_on, got_off)) if a != b]
            rows[split] = {"pairs": len(pick),
                           "on": round(sum(a == t for a, t in zip(got_on, truth)) / len(pick), 4),
                           "off": round(sum(b == t for b, t in zip(got_off, truth)) / len(pick), 4),
                           "changed": len(changed),
                           "changed_right_on": sum(got_on[k] == truth[k] for k in changed),
                           "changed_right_off": sum(got_off[k] == truth[k] for k in changed)}
        out[name] = rows
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.gap_calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, default=None,
                        help="score only this truth CSV (default: the seed set and the real set)")
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--reference", default=str(DEFAULT_REFERENCE))
    parser.add_argument("--write", action="store_true", help="fit on the tune splits and save thresholds")
    parser.add_argument("--errors", action="store_true", help="list disagreeing pairs")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--no-scope", action="store_true", help="score with gap_scope's rules off (scope_rules false)")
    scope.add_argument("--scope-rules", default=None, metavar="NAMES",
                       help=f"score with only these gap_scope rules on (comma-separated: {','.join(SCOPE_RULES)})")
    scope.add_argument("--compare-scope", action="store_true",
                       help="print each split's agreement with gap_scope's rules on and off, and nothing else")
    args = parser.parse_args(argv)
    if args.write and (args.no_scope or args.scope_rules is not None):
        parser.error("--write fits the stored setting of scope_rules; do not combine it with --no-scope/--scope-rules")
    sets = truth_sets(args)
    # fixed, not searched: an admission counts for its passage's best item; a superior's words quoted
    # in the unit's news cap at partial
    limits = {"admit_relative": 1.0, "cap_reported": 1, **default_thresholds()}
    if args.no_scope:
        limits["scope_rules"] = False
    elif args.scope_rules is not None:
        limits["scope_rules"] = args.scope_rules
    try:
        active_rules(limits)        # an unknown rule name fails here, before any report is read
    except ValueError as exc:
        parser.error(str(exc))
    if args.compare_scope:
        print(json.dumps(compare_scope(sets, limits), ensure_ascii=False, indent=2))
        return 0
    pairs = set_pairs(sets, limits)
    if args.write:
        best = None
        for relative, sentence_weight in itertools.product(RELATIVE_GRID, SENTENCE_GRID):
            base = {**limits, "relative": relative, "sentence_weight": sentence_weight}
            trial = set_pairs(sets, base)
            tunes = [[p for p in v if p["split"] == "tune"] for v in trial.values()]
            fitted = calibrate(tunes[0], base, *tunes[1:])
            score = sum(agreement(t, fitted) for t in tunes) / len(tunes)
            if best is None or score > best[0]:
                best = (score, fitted, trial)
        _, limits, pairs = best
        summary = {name: report(v, limits) for name, v in pairs.items()}
        THRESHOLDS_FILE.write_text(json.dumps({"thresholds": limits, "calibration": summary["seed"],
                                               "calibration_real": summary.get("real")},
                                              ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    summary = {name: report(v, limits) for name, v in pairs.items()}
    print(json.dumps({"thresholds": limits, **summary}, ensure_ascii=False, indent=2))
    if args.errors:
        for name, set_ in pairs.items():
            for p in set_:
                got = predict(p, limits)
                if got != p["status"]:
                    f = resolve(p["features"], limits) if p["features"] else {}   # as the row is judged
                    print(f"{name:5} {p['split']:8} {p['report'][-24:]:24} {p.get('reference', '')[-14:]:14} "
                          f"{p['item_id']:6} truth={p['status']:21} got={got:21} "
                          f"score={score_of(f, limits) if f else 0:.3f} sim={f.get('similarity', 0):.3f} "
                          f"cov={f.get('coverage', 0):.2f} adm={f.get('admission', 0):.2f} | "
                          f"{(f.get('hits') or [None])[0] and f['hits'][0].text[:40]}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
