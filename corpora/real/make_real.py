"""Build corpora/real/<id>.gold.jsonl from a real text and its hand labels in src/<id>.lab.

The texts in corpora/real/ are copies of real documents from corpora/unlabeled/ (sources in
dev/SOURCES.md). Sentences are cut exactly as the dev gold is (shared/LABELS.md): at line breaks and
after 。！？!? with any closing quotes/brackets, never at ；：，, using the same splitter as
corpora/own/make_own.py. A .lab file gives the label of each sentence by its index (from 0, as in
dev gold):

    0-3 o
    4 r
    5 m  # measure vs other: ...      (a note is kept in the gold row, as dev gold does)

Tags: d duty, r requirement, p problem, e exemplar, m measure, o other. Every sentence must get
exactly one label; the script fails loudly otherwise.

Run: python corpora/real/make_real.py [--dump ID]   (deterministic)
It also builds extra/ (labelled slices kept out of training: extra/ is not globbed by the corpus loader).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAGS = {"d": "duty", "r": "requirement", "p": "problem", "e": "exemplar", "m": "measure", "o": "other"}
_SPLIT = re.compile(r"(?<=[。！？!?])(?![”’」』）)》\"'])|(?<=[。！？!?][”’」』）)》\"'])")


def sentences(text: str) -> list[str]:
    """Sentence units of a document: per line, split after 。！？!? (plus closing marks)."""
    out = []
    for line in text.splitlines():
        out.extend(s.strip() for s in _SPLIT.split(line) if s.strip())
    return out


def read_labels(lab: Path, n: int) -> dict[int, tuple[str, str]]:
    labels: dict[int, tuple[str, str]] = {}
    for k, line in enumerate(lab.read_text(encoding="utf-8").splitlines(), 1):
        body, _, note = line.partition("#")
        if not body.strip():
            continue
        rng, tag = body.split()
        a, _, b = rng.partition("-")
        if b and note.strip():
            sys.exit(f"{lab.name}:{k}: a note belongs to one sentence, not a range")
        for i in range(int(a), int(b or a) + 1):
            if i in labels or i >= n or tag not in TAGS:
                sys.exit(f"{lab.name}:{k}: bad or repeated index {i} / tag {tag}")
            labels[i] = (TAGS[tag], note.strip())
    missing = [i for i in range(n) if i not in labels]
    if missing:
        sys.exit(f"{lab.name}: no label for sentences {missing[:20]}")
    return labels


def build(doc: str, here: Path = HERE) -> None:
    units = sentences((here / f"{doc}.txt").read_text(encoding="utf-8"))
    labels = read_labels(here / "src" / f"{doc}.lab", len(units))
    rows = []
    for i, text in enumerate(units):
        label, note = labels[i]
        row = {"doc": doc, "i": i, "text": text, "label": label}
        if note:
            row["note"] = note
        rows.append(json.dumps(row, ensure_ascii=False))
    (here / f"{doc}.gold.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--dump":
        txt = HERE / f"{argv[1]}.txt"
        txt = txt if txt.exists() else HERE / "extra" / f"{argv[1]}.txt"
        for i, s in enumerate(sentences(txt.read_text(encoding="utf-8"))):
            print(f"{i}\t{s}")
        return 0
    for here in (HERE, HERE / "extra"):
        for lab in sorted((here / "src").glob("*.lab")):
            build(lab.stem, here)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
