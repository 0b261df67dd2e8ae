"""Passage -> feature record, shared by training and prediction (one code path: no train/serve skew).

A record is a plain dict of strings and numbers, so it pickles, diffs and prints. The text fields
feed TF-IDF vectorizers; ``ctx`` is a space-separated bag of structural tokens (lead-in type,
section type, document kind, relative position, marker scheme, the neighbours' strongest cues);
``rules`` holds the rule classifier's probabilities, so the model can learn how far to trust them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import LABELS, Document, Passage
from . import lexicon
from .rules import context_of, context_scores, first_year_ahead, is_empty, passage_frames, softmax

_MARKER_SCHEMES = (
    ("cn_paren", re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("cn_dun", re.compile(r"^[一二三四五六七八九十]+、")),
    ("yi_yao", re.compile(r"^[一二三四五六七八九十]+要")),
    ("yi_shi", re.compile(r"^[一二三四五六七八九十]+是")),
    ("di_yi", re.compile(r"^第[一二三四五六七八九十]+")),
    ("arabic", re.compile(r"^\d+[.．、]")),
    ("paren_arabic", re.compile(r"^[（(]\d+[)）]")),
    ("circled", re.compile(r"^[①-⑳]")),
    ("shouxian", re.compile(r"^(首先|其次|再次|最后)")),
)


def marker_scheme(text: str) -> str:
    for name, pattern in _MARKER_SCHEMES:
        if pattern.match(text or ""):
            return name
    return "none"


def split_space(text: str) -> list[str]:
    """Tokenizer for the context bag (module level so fitted vectorizers pickle)."""
    return text.split()


@lru_cache(maxsize=4096)   # each passage is asked for as the next and the previous passage's neighbour
def _top_cue_label(text: str) -> str:
    weights: dict[str, float] = {}
    for cue in lexicon.fired(text):
        weights[cue.label] = weights.get(cue.label, 0.0) + cue.weight
    if not weights:
        return "none"
    return max(sorted(weights), key=lambda k: weights[k])


def _length_bucket(n: int) -> str:
    for limit, name in ((8, "xs"), (20, "s"), (50, "m"), (120, "l")):
        if n <= limit:
            return name
    return "xl"


_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9０-９]")


def _shape_tokens(text: str) -> list[str]:
    """Surface shape: how the passage ends and how much of it is Han text vs digits.

    Captions, table rows and headings end without 。 and carry many digits; prose sentences end with
    a stop. These separate `other` from the acts without memorising any wording.
    """
    stripped = text.strip()
    end = ("stop" if stripped[-1:] in "。！？!?" or stripped[-2:-1] in "。！？" else
           "colon" if stripped[-1:] in "：:" else "semi" if stripped[-1:] in "；;，," else "none") if stripped else "none"
    n = max(len(stripped), 1)
    han = len(_HAN.findall(stripped)) / n
    digits = len(_DIGIT.findall(stripped)) / n
    return [f"end={end}", f"han={int(han * 4)}", f"digits={min(int(digits * 10), 3)}"]


# An organisation or post as the clause subject, then a remit verb: "X部门要/负责/牵头/承担…".
_ACTOR = re.compile(r"^(第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+是)?[^，。；：]{0,16}"
                    r"(党委|党组|党工委|组织部|纪委|监委|部门|单位|指导组|督导组|督查组|巡察组|巡察办|办公室|领导小组|"
                    r"负责人|书记|局|委|办|中心|政府|乡镇|街道|社区|村|学校|企业)[^，。；：]{0,6}(要|负责|牵头|承担|履行|对)")
# Aspect: completed action vs plan/commitment.
_PAST = re.compile(r"了|已经?|先后|累计|截至|共计?[^。]{0,8}\d")
_FUTURE = re.compile(r"将|要|下一步|今后|力争|计划|拟")


def _act_tokens(text: str) -> list[str]:
    past, future = bool(_PAST.search(text)), bool(_FUTURE.search(text))
    aspect = "both" if past and future else "past" if past else "future" if future else "none"
    return [f"actor={int(bool(_ACTOR.search(text)))}", f"aspect={aspect}"]


def passage_features(doc: Document, passages: list[Passage], i: int, frames: tuple[str, ...] = (), *,
                     year_ahead: int | None) -> dict:
    """Feature record of ``passages[i]`` (content passages of ``doc`` in order); ``year_ahead`` is the
    document's ``first_year_ahead``."""
    p = passages[i]
    ctx = context_of(p, doc.kind, frames, doc.title, year_ahead)
    n = len(passages)
    position = int(4 * i / max(n, 1))
    prev_cue = _top_cue_label(passages[i - 1].text) if i > 0 else "start"
    next_cue = _top_cue_label(passages[i + 1].text) if i + 1 < n else "end"
    scheme = marker_scheme(p.text) if (p.marker or p.kind in ("item", "heading")) else "none"
    tokens = [
        f"kind={ctx.doc_kind}", f"pkind={p.kind}", f"lead={ctx.lead_in or 'none'}", f"sec={ctx.section or 'none'}",
        f"item={int(ctx.is_item)}", f"reqmark={int(ctx.req_marker)}", f"colon={int(ctx.is_lead_in)}",
        f"pos={position}", f"scheme={scheme}", f"len={_length_bucket(len(p.text))}", f"depth={min(len(p.path), 3)}",
        f"prev={prev_cue}", f"next={next_cue}", f"doc={ctx.doc_frame or 'none'}", f"seclabel={int(ctx.section_label)}",
        f"doc={ctx.doc_frame or 'none'}&sec={ctx.section or 'none'}",
        f"kind={ctx.doc_kind}&lead={ctx.lead_in or 'none'}", f"kind={ctx.doc_kind}&sec={ctx.section or 'none'}",
    ] + _shape_tokens(p.text) + _act_tokens(p.text)
    if is_empty(p.text):
        rules, cues = {label: (1.0 if label == "other" else 0.0) for label in LABELS}, ("empty_text",)
    else:
        scores, cue_list = context_scores(p.text, ctx)
        rules, cues = softmax(scores), tuple(cue_list)
    # Each fired cue is its own context token, so the model learns how far to trust each one
    # (measured: LOO macro-F1 0.636 -> 0.648 on the dev documents, 8 of 17 documents up).
    tokens += ["cue=" + str(c).replace(" ", "_") for c in cues if c != "empty_text"]
    return {
        "text": p.text,
        "frame": " ".join((p.lead_in,) + tuple(frames[:2])).strip(),
        "ctx": " ".join(tokens),
        "rules": [rules[label] for label in LABELS],
        "cues": cues,
        "near": " ".join(passages[j].text for j in (i - 1, i + 1) if 0 <= j < n),
    }


def document_features(doc: Document) -> list[dict]:
    """Feature records for every content passage of ``doc``, in order."""
    passages = [p for p in doc.passages if p.is_content]
    frames = passage_frames(doc)
    year_ahead = first_year_ahead(doc)          # once per document, not per passage
    return [passage_features(doc, passages, i, frames[i], year_ahead=year_ahead) for i in range(len(passages))]
