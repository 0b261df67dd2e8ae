"""Build corpora/own/*.txt and *.gold.jsonl from the tagged sources in corpora/own/src/*.src.

Source format: one paragraph per line; every sentence starts with a tag giving its gold label:
[d] duty  [r] requirement  [p] problem  [e] exemplar  [m] measure  [o] other.
The .txt joins a paragraph's sentences with no separator (as printed prose does); the gold file
lists the sentences in order. The script checks that the tags agree with the sentence-unit rules
of shared/LABELS.md (split at line breaks and after 。！？!? plus closing quotes/brackets, never at
；：，), so a mis-placed tag fails loudly instead of producing a gold file the scorer cannot align.

Run: python corpora/own/make_own.py   (deterministic: same sources -> same bytes)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAGS = {"d": "duty", "r": "requirement", "p": "problem", "e": "exemplar", "m": "measure", "o": "other"}
_TAG = re.compile(r"\[([drpemo])\]")
_SPLIT = re.compile(r"(?<=[。！？!?])(?![”’」』）)》\"'])|(?<=[。！？!?][”’」』）)》\"'])")


def split_units(line: str) -> list[str]:
    """Sentence units of one line per LABELS.md."""
    return [s for s in _SPLIT.split(line) if s.strip()]


def parse(src: Path) -> tuple[str, list[tuple[str, str]]]:
    lines_out, sentences = [], []
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = _TAG.split(line)
        if parts[0].strip():
            sys.exit(f"{src.name}:{n}: text before the first tag")
        tagged = [(TAGS[parts[i]], parts[i + 1]) for i in range(1, len(parts), 2)]
        text = "".join(t for _, t in tagged)
        if [t for _, t in tagged] != split_units(text):
            sys.exit(f"{src.name}:{n}: tags do not match sentence units: {split_units(text)!r}")
        lines_out.append(text)
        sentences.extend(tagged)
    return "\n".join(lines_out) + "\n", sentences


def main() -> int:
    for src in sorted((HERE / "src").glob("*.src")):
        text, sentences = parse(src)
        doc = src.stem
        (HERE / f"{doc}.txt").write_text(text, encoding="utf-8")
        rows = [json.dumps({"doc": doc, "i": i, "text": t, "label": lab}, ensure_ascii=False)
                for i, (lab, t) in enumerate(sentences, 1)]
        (HERE / f"{doc}.gold.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
