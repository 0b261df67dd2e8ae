"""Rule classifier: cue lexicon plus document structure.

Structure decides what words alone cannot: an item announced as 职责 is a duty even when it reads
like an order; everything under a 存在的问题 heading states problems; a report's 下一步 section holds
plans (requirements). The lexicon then breaks ties inside those frames and labels free-standing
sentences. Scores become probabilities with a softmax so every classifier exposes the same shape.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..deadlines import cn_number, date_parts
from ..model import LABELS, Document, Passage
from . import lexicon

_EMPTY = re.compile(r"^[\s\W_]*$")
_REQ_MARKER = re.compile(r"^[一二三四五六七八九十]+要$")
_REASON = re.compile(r"^(学习|这|因为|由于|虽然|尽管)|是[^。，]{0,12}(前提|基础|关键|保证|根本|需要)")
_MODAL = re.compile(r"要|必须|务必|应当|确保|切实|希望|不得|严禁|坚持|努力|力争")
_LEAD_IN_END = re.compile(r"[：:]\s*$")
PRIOR = {"duty": 0.0, "requirement": 0.3, "problem": 0.0, "exemplar": 0.0, "measure": 0.3, "other": 1.2}
TEMPERATURE = 1.0


@dataclass(frozen=True, slots=True)
class Context:
    """Structural facts about a passage that both the rules and the models use."""

    lead_in: str        # duty | requirement | "" : what the enumeration's lead-in announces
    section: str        # problem | plan | exemplar | measure | "" : what the nearest telling heading announces
    is_item: bool       # the passage opens an enumerated item
    req_marker: bool    # its marker is 一要/二要…
    is_lead_in: bool    # the passage itself announces a list (ends with a colon)
    section_label: bool  # a short heading that only names a section (二、存在的问题, 三、结语)
    doc_kind: str
    doc_frame: str      # exemplar | rectify | selfcheck | "" : what the document title announces


_OWN_MARKER = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[、.．)）]?\s*")
_GENERIC_SECTION = re.compile(r"^(基本情况|总体情况|结语|前言|引言|概述|背景|总结|其他|附件)$")
_DOC_RECTIFY = re.compile(r"整改")
_DOC_SELFCHECK = re.compile(r"自查|落实情况|述职|总结|汇报|报告")


# lead_in_type, section_type and doc_frame are asked for every passage about its lead-in, the
# titles of its enclosing nodes and the document title: the same few texts a hundred times per
# report. Per-text caches like lexicon.fired's, cleared per file by classify.clear_text_caches
# (about 0.2 ms per report).
@lru_cache(maxsize=4096)
def lead_in_type(text: str) -> str:
    """Duty when the lead-in names remits (职责/任务/分工); requirement when it names 要求/希望/意见."""
    if not text:
        return ""
    if lexicon.LEAD_IN_DUTY.search(text):
        return "duty"
    if lexicon.LEAD_IN_REQUIREMENT.search(text):
        return "requirement"
    return ""


@lru_cache(maxsize=4096)
def section_type(text: str, year_ahead: int | None = None, outlook: bool = True) -> str:
    """What a heading or lead-in announces: problem | plan | exemplar | measure | "".

    With ``outlook``, a title announcing the coming year's or period's work is a plan section
    (``looks_ahead``); ``year_ahead`` (``first_year_ahead`` of the document) tells a heading that names
    a year or a five-year plan period apart: "2026年重点工作任务" in a report of January 2026 announces
    plans, "2025年主要工作" reviews what was done.
    """
    if not text:
        return ""
    if lexicon.SECTION_PROBLEM.search(text):
        return "problem"
    if lexicon.SECTION_PLAN.search(text) or (outlook and looks_ahead(text, year_ahead)):
        return "plan"
    for name, pattern in (("exemplar", lexicon.SECTION_EXEMPLAR), ("measure", lexicon.SECTION_MEASURE)):
        if pattern.search(text):
            return name
    return ""


_PLAN_TITLE_MAX = 32   # a section title, not a sentence that happens to name a year and 工作


def looks_ahead(title: str, year_ahead: int | None = None) -> bool:
    """Whether a section title announces the coming year's or period's work: an agenda word
    (任务/安排/目标/工作…) with a time that is not past (今年/明年/今后…, a year or a five-year plan
    period ending in or after ``year_ahead``), and no review word (回顾/总结/过去/成效…)."""
    text = title.strip()
    if len(text) > _PLAN_TITLE_MAX or lexicon.SECTION_REVIEW.search(text) or not lexicon.SECTION_AGENDA.search(text):
        return False
    if lexicon.SECTION_AHEAD.search(text):
        return True
    if year_ahead is None:
        return False          # "2026年主要工作" may be a plan or a review: without the document's year, no call
    ends = _period_ends(text)
    return bool(ends) and max(ends) >= year_ahead


def _period_ends(text: str) -> list[int]:
    """Last year of each year or five-year plan period the text names ("2026年" -> 2026, "十五五" -> 2030)."""
    ends = []
    for match in lexicon.SECTION_YEAR.finditer(text):
        year = int(match.group(1)) if match.group(1) else cn_number(match.group(2))
        if year:
            ends.append(year)
    for match in lexicon.FIVE_YEAR_PLAN.finditer(text):
        order = 10 + (cn_number(match.group(1) or match.group(2) or "") or 0)
        ends.append(1966 + 5 * (order - 3) + 4)   # the 3rd plan ran 1966-1970, every plan since five years
    return ends


@lru_cache(maxsize=4096)
def doc_frame(title: str) -> str:
    if lexicon.SECTION_EXEMPLAR.search(title or ""):
        return "exemplar"
    if _DOC_RECTIFY.search(title or ""):
        return "rectify"
    if _DOC_SELFCHECK.search(title or ""):
        return "selfcheck"
    return ""


def opens_node(p: Passage) -> bool:
    return bool(p.marker) and p.kind in ("item", "heading")


def passage_frames(doc: Document) -> list[tuple[str, ...]]:
    """Per content passage: titles of the enclosing outline nodes, nearest first (own node excluded
    for the passage that opens it), followed by its lead-in."""
    nodes = {n.node_id: n for n in doc.outline}
    out = []
    for p in doc.passages:
        if not p.is_content:
            continue
        chain, node_id, seen = [], p.node_id, set()
        while node_id and node_id in nodes and node_id not in seen:
            seen.add(node_id)
            chain.append(nodes[node_id].title)
            node_id = nodes[node_id].parent_id
        if not chain and p.section:
            chain = [p.section]
        if opens_node(p) and chain:
            chain = chain[1:]
        out.append(tuple(chain))
    return out


def context_of(p: Passage, doc_kind: str = "unknown", frames: tuple[str, ...] = (), doc_title: str = "",
               year_ahead: int | None = None) -> Context:
    """``year_ahead``: the document's ``first_year_ahead``, to date the sections' titles.

    Only a report's (or an unknown document's) sections are read for their outlook: a report tells
    what was done unless a section announces the year's tasks, while a speech directs throughout and
    its "2010年工作重点" mixes reasons, background and problems with the orders (flagging it pulled
    them to requirement: LOO macro-F1 of dev_speech_04 -0.025 over 6 settings, problem 319 -> 186 chars).
    """
    outlook = doc_kind != "speech"
    if not frames and p.section and p.section != p.text and not opens_node(p):
        frames = (p.section,)
    section = _section_of(tuple(frames) + ((p.lead_in,) if p.lead_in else ()), year_ahead, outlook)
    own_title = p.text.strip()
    bare = _OWN_MARKER.sub("", own_title).rstrip("。：:")
    label_heading = (p.kind in ("heading", "item") and len(bare) <= 10
                     and (bool(section_type(bare, year_ahead, outlook)) or bool(_GENERIC_SECTION.match(bare))))
    return Context(
        lead_in=lead_in_type(p.lead_in),
        section=section,
        is_item=p.kind == "item" or bool(p.marker),
        req_marker=bool(_REQ_MARKER.match(p.marker or "")),
        is_lead_in=bool(_LEAD_IN_END.search(p.text)),
        section_label=label_heading,
        doc_kind=doc_kind or "unknown",
        doc_frame=doc_frame(doc_title),
    )


def _section_of(titles: tuple[str, ...], year_ahead: int | None, outlook: bool) -> str:
    """The nearest telling title decides, except that inside a plan section a sub-heading's
    exemplar or measure words are the plan's topics ("（三）聚焦创新驱动…" under "三、2026年重点工作任务")."""
    types = [section_type(title, year_ahead, outlook) for title in titles]
    section = next((t for t in types if t), "")
    return "plan" if section in ("exemplar", "measure") and "plan" in types else section


def first_year_ahead(doc: Document) -> int | None:
    """The first year whose work still lay ahead when the document was written: the year of its date
    ('2026-01-27' -> 2026), or the next one from October on, when a year-end summary's "2025年主要工作"
    reviews the year and "2026年工作打算" plans; None when the document has no date."""
    parts = date_parts(doc.date)
    if parts is None:
        return None
    year, month, _ = parts
    return year + 1 if month >= _YEAR_END_MONTH else year


_YEAR_END_MONTH = 10


def is_empty(text: str) -> bool:
    return bool(_EMPTY.match(text or ""))


def _cue_scores(text: str) -> tuple[dict[str, float], list[str]]:
    per_label: dict[str, list[float]] = {label: [] for label in LABELS}
    names = []
    for cue in lexicon.fired(text):
        per_label[cue.label].append(cue.weight)
        names.append(cue.name)
    scores = {}
    for label, weights in per_label.items():
        if not weights:
            scores[label] = 0.0
            continue
        top = max(weights)
        scores[label] = min(4.0, top + 0.35 * (sum(weights) - top))   # diminishing returns: long sentences pile up cues
    return scores, names


def _structure_scores(ctx: Context, text: str) -> tuple[dict[str, float], list[str]]:
    bonus = {label: 0.0 for label in LABELS}
    reasons: list[str] = []
    if ctx.is_lead_in:
        bonus["other"] += 3.0
        reasons.append("lead_in_sentence")
        return bonus, reasons
    if ctx.section_label:
        bonus["other"] += 3.0
        reasons.append("section_label")
        return bonus, reasons
    if ctx.lead_in == "duty":
        bonus["duty"] += 4.0
        reasons.append("lead_in:职责")
    elif ctx.lead_in == "requirement":
        reasoning = not ctx.is_item and _REASON.search(text) and not _MODAL.search(text)
        if reasoning:
            bonus["other"] += 1.5
            reasons.append("reason_in_item")
        else:
            bonus["requirement"] += 3.0 if ctx.is_item else 2.0
            reasons.append("lead_in:要求")
    if ctx.req_marker:
        bonus["requirement"] += 3.0
        reasons.append("marker:一要")
    if ctx.section == "problem":
        bonus["problem"] += 3.5
        reasons.append("section:存在的问题")
    elif ctx.section == "plan":
        bonus["requirement"] += 3.0
        reasons.append("section:下一步")
    elif ctx.section == "exemplar":
        if ctx.is_item or ctx.doc_frame == "exemplar" or lexicon.SHOWCASE.search(text):
            bonus["exemplar"] += 1.5
            reasons.append("section:经验亮点")
        else:
            # a plain body sentence of a highlights section in a document that is not a showcase is a
            # measure or a description (GUIDELINE convention 1); its own reason lets the model tell it
            # apart (LOO macro-F1 +0.011 over 6 settings, all 6 positive, 38 dev docs up / 24 down)
            reasons.append("section:经验亮点_body")
    elif ctx.section == "measure" and ctx.doc_kind == "report":
        bonus["measure"] += 1.5
        reasons.append("section:工作情况")
    if ctx.doc_frame == "exemplar":
        bonus["exemplar"] += 1.0
        reasons.append("doc:亮点经验")
    if ctx.doc_kind == "speech":
        bonus["requirement"] += 0.4
        bonus["measure"] -= 0.5
        reasons.append("kind:speech")
    elif ctx.doc_kind == "report":
        bonus["measure"] += 0.5
        reasons.append("kind:report")
    return bonus, reasons


def softmax(scores: dict[str, float], temperature: float = TEMPERATURE) -> dict[str, float]:
    top = max(scores.values())
    exps = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: exps[k] / total for k in LABELS}


def rule_scores(p: Passage, doc_kind: str = "unknown", frames: tuple[str, ...] = (),
                doc_title: str = "", year_ahead: int | None = None) -> tuple[dict[str, float], list[str]]:
    """Raw per-label scores and the cues (lexical and structural) behind them."""
    return context_scores(p.text, context_of(p, doc_kind, frames, doc_title, year_ahead))


def context_scores(text: str, ctx: Context) -> tuple[dict[str, float], list[str]]:
    """``rule_scores`` of a passage whose ``context_of`` is already known (the features compute it
    for their own tokens; working it out a second time cost 0.2 ms per report)."""
    cue_scores, names = _cue_scores(text)
    bonus, reasons = _structure_scores(ctx, text)
    scores = {label: PRIOR[label] + cue_scores[label] + bonus[label] for label in LABELS}
    return scores, reasons + names


def predict_passage(p: Passage, doc_kind: str = "unknown", frames: tuple[str, ...] = (),
                    doc_title: str = "", year_ahead: int | None = None) -> tuple[str, float, tuple, tuple]:
    """(label, confidence, probs, cues) for one passage."""
    if is_empty(p.text):
        probs = tuple((label, 1.0 if label == "other" else 0.0) for label in LABELS)
        return "other", 1.0, probs, ("empty_text",)
    scores, cues = rule_scores(p, doc_kind, frames, doc_title, year_ahead)
    probs = softmax(scores)
    label = max(LABELS, key=lambda k: (probs[k], -LABELS.index(k)))
    return label, probs[label], tuple((k, probs[k]) for k in LABELS), tuple(cues)


class RulesClassifier:
    """Lexicon + structure; needs no training and no model file."""

    name = "rules"

    def predict_passages(self, doc: Document) -> list[tuple[str, float, tuple, tuple]]:
        content = [p for p in doc.passages if p.is_content]
        year = first_year_ahead(doc)
        return [predict_passage(p, doc.kind, frames, doc.title, year)
                for p, frames in zip(content, passage_frames(doc))]
