"""A reply that pastes the notice and answers it: its own part (QA10 N2).

Units forwarding the notice paste it in full and append their answer ("转发…通知" / "附后"). Read
whole, such a file looked like the notice: it was set aside as "the reference itself" (the unit
vanished), or, beside an edited ledger, assessed as the issuing office with the notice's own
sentences as evidence (10 已落实). ``own_part`` finds the passages that are the reference's and
returns the document cut to the rest, with its title, unit and date read from that rest, or says
the file is (almost) all reference.

Which passages are the reference's:
- with the reference's text (a speech/notice given as -r): every passage whose text (spaces and
  punctuation left out) is in the reference, or shares ``PASSAGE_OVERLAP`` of its character bigrams
  with it (a PDF or OCR copy); a line shorter than ``SHORT_WORDS`` only inside a run of such passages
  (the unit's signature "西山区人民政府" is named in the notice's table too). The file holds the
  reference when those passages make up ``HOLDS_SHARE`` of the reference's text; its own part is
  every other passage, wherever it sits. The cells of a form the file answers (our ledger returned
  filled in) are its own whatever they quote: its 任务 cells are its rows' 任务 (qa11 S2);
- with a ledger only (an edited checklist as -r): the notice's text is not at hand, its tasks are.
  The file holds the notice when at least ``MIN_HELD`` and a third of the task texts are in it word
  for word (a reply quotes one or two: QA9's 河口镇 2 of 13, a terse form 3 of 13). Pasted first: the
  notice runs to the end of the last task found plus its closing lines (联系人, signature, date), the
  own part is what follows, taken when the file opens as the notice (not as a report: a reply
  restating tasks between its answers is not cut, however many it quotes). Appended ("附件：" or the
  notice's …通知 title under the answer): the own part is the report above it. A file opening as
  the notice with nothing of its own is the notice (``is_reference``).

What is a unit's own part worth assessing (``substantial``), decided on the Han characters of the
passages left: ``OWN_CHARS`` (several hundred: a report of its own), or ``OWN_SHARE`` of the file
(its part is not an appendix to the notice), or ``OWN_REPORT_CHARS`` when that part reads as a
report by itself (metadata: a 报告/情况 title or a unit's signature). QA10's 西山区 answers in ~120
characters after a 1,200-character notice (10 %), with its own title and signature: a report. A
copy of the notice in another format leaves page furniture and a stray line or two (< 40
characters); a forwarding note ("请认真贯彻执行") is no report and stays under ``OWN_CHARS``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .model import Document
from .plain_words import words as _words  # one word filter
from .reference_copies import MIN_HELD, answered_form  # one count of tasks held

SHORT_WORDS = 12          # a line this short is judged by its neighbour (a signature, a salutation)
PASSAGE_OVERLAP = 0.8     # a passage's bigrams found in the reference: a copy of its sentence (PDF, OCR)
HOLDS_SHARE = 0.6         # the reference's text found in the file: the reference is pasted in
HELD_TASKS = 1 / 3
OWN_CHARS = 300
OWN_SHARE = 0.3
OWN_REPORT_CHARS = 60
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLOSING = re.compile(r"^(?:联\s*系\s*人|联系电话|电\s*话|附件|抄送|印发)|^[\d〇○零一二三四五六七八九十年月日号\s.\-/（）()]+$")


@dataclass(frozen=True)
class Split:
    """``holds``: the file holds the reference; ``own``: the document cut to its own part when that
    part is a unit's report (None: no such part, or the reference is not in the file)."""

    holds: bool = False
    own: Document | None = None


def split_reference(doc: Document, reference_text: str, tasks: tuple[str, ...]) -> Split:
    """Whether ``doc`` holds the reference (its text, else its ``tasks``) and its own part."""
    content = [p for p in doc.passages if p.is_content and p.text.strip()]
    if not content:
        return Split()
    own = _own_by_text(content, reference_text) if reference_text else None
    if own is not None and answered_form(doc):
        own = _own_beside_form(content, reference_text)
    if own is None and tasks and not reference_text:
        # only where the notice's text is not at hand: with it, the text test has said no (review7 H1)
        return _split_by_tasks(doc, content, tasks)
    if own is None:
        return Split()
    if not substantial(own, content):
        return Split(holds=True)
    return Split(holds=True, own=cut_to(doc, own))


def _split_by_tasks(doc: Document, content: list, tasks: tuple[str, ...]) -> Split:
    """``split_reference`` beside a ledger: the notice pasted first (its own part after the last task,
    when the file opens as the notice), or the answer first and the notice
    appended under 附件 or its title (a report above it). A file opening as the notice with nothing
    of its own holds it; a report that quotes tasks keeps being assessed whole."""
    after, before, appended = _own_by_tasks(content, tasks, doc)
    if after is None:
        return Split()
    opens_as_notice = doc.kind != "report"
    if opens_as_notice and substantial(after, content):
        return Split(holds=True, own=cut_to(doc, after))
    if appended and before and _reads_as_report([p.text.strip() for p in before]):
        return Split(holds=True, own=cut_to(doc, before))
    # a report that quotes most tasks, each before its answer, is a reply (review7 H1: it was set
    # aside as the notice); only a file opening as the notice holds it
    return Split(holds=opens_as_notice)


def own_part(doc: Document, reference_text: str, tasks: tuple[str, ...]) -> Document | None:
    """``doc`` cut to its own part when it holds the reference and a unit's report of its own."""
    return split_reference(doc, reference_text, tasks).own


def _own_by_text(content: list, reference_text: str) -> list | None:
    ref, grams = _reference_words(reference_text)
    if not ref:
        return None
    # a file with fewer words than the share of the reference it would have to hold, or with not
    # even half that share of the reference's distinct character pairs, cannot hold it: most
    # replies, decided in one pass over the file (a batch asks this of every report)
    passage_words = [_words(p.text) for p in content]
    whole = "".join(passage_words)
    if len(whole) < HOLDS_SHARE * len(ref) or (
            len(grams & {whole[i:i + 2] for i in range(len(whole) - 1)}) < HOLDS_SHARE / 2 * len(grams)):
        return None
    found, own = 0, []
    previous = False              # whether the passage before was the reference's
    for p, words in zip(content, passage_words):
        if len(words) < SHORT_WORDS:
            # a short line ("西山区人民政府", "市人民政府办公室：") is the reference's only inside a run of
            # it: the unit's signature or salutation names a body the notice names too
            mine = previous and words in ref
        else:
            mine = words in ref or _overlap(words, grams) >= PASSAGE_OVERLAP
        if mine:
            found += len(words)
        else:
            own.append(p)
        previous = mine
    return own if found >= HOLDS_SHARE * len(ref) else None


def _own_beside_form(content: list, reference_text: str) -> list | None:
    """``_own_by_text`` for a file holding a form it answered (our ledger returned filled in, a 自查表
    copying the notice's 任务 column): the form's cells are its own, whatever they quote. Its 任务 cells
    are the notice's sentences, but they are the rows' 任务, read as headings and never as evidence
    (``gap_passages.table_rows``); cut away, a row kept only its answer and ran on under the row above
    (qa11 S2: the answers of 3.1–3.5 all went to 3.1). The reference is pasted in only when the rest
    of the file holds it."""
    rest = [p for p in content if p.kind != "table_cell"]
    own = _own_by_text(rest, reference_text) if rest else None
    if own is None:
        return None
    keep = {p.index for p in own}
    return [p for p in content if p.kind == "table_cell" or p.index in keep]


def _own_by_tasks(content: list, tasks: tuple[str, ...], doc: Document) -> tuple[list | None, list, bool]:
    """(the passages after the last task found, the passages before the notice's title above the
    first task, whether such a title or 附件 line was found), or (None, [], False) when the file does
    not hold the notice: fewer than a third of the tasks (at least ``MIN_HELD``) or a form answered
    in a table. Whether a file holding the tasks is the notice is ``_split_by_tasks``'s to decide."""
    joined, starts = "", []
    for p in content:
        starts.append(len(joined))
        joined += _words(p.text)
    ends = [joined.rfind(t) + len(t) for t in tasks if t and t in joined]
    if len(ends) < max(MIN_HELD, HELD_TASKS * len(tasks)) or answered_form(doc):
        return None, [], False
    last = max(ends)
    own = [p for p, start in zip(content, starts) if start >= last]
    while own and (_CLOSING.search(p_text := own[0].text.strip()) or _org_line(p_text)):
        own = own[1:]            # the notice's 联系人, signature and date under its last task
    first = min(joined.find(t) for t in tasks if t and t in joined)
    before = [p for p, start in zip(content, starts) if start + len(_words(p.text)) <= first]
    # the appended notice opens with 附件 / its title (…通知) and 主送 line: the report ends above them
    cut = next((k for k, p in enumerate(before) if _APPENDIX.search(p.text.strip())), None)
    return own, before[:cut], cut is not None


_APPENDIX = re.compile(r"^附\s*(?:件|：|:)|^附[一二三四1-9]|通知$|通知[（(]|^关于.{0,40}通知")


def substantial(own: list, content: list) -> bool:
    """Whether the passages ``own`` (of ``content``) are a unit's report worth assessing."""
    own_chars = sum(len(_HAN.findall(p.text)) for p in own)
    all_chars = sum(len(_HAN.findall(p.text)) for p in content) or 1
    if own_chars >= OWN_CHARS or own_chars >= OWN_SHARE * all_chars:
        return own_chars > 0
    return own_chars >= OWN_REPORT_CHARS and _reads_as_report([p.text.strip() for p in own])


def _reads_as_report(lines: list[str]) -> bool:
    from .extract.metadata import detect

    meta = detect(lines)
    return meta.kind == "report" and bool(meta.unit)


def cut_to(doc: Document, own: list) -> Document:
    """``doc`` with only ``own`` as content (page furniture kept), its title, unit, kind and date
    read from those passages (the notice's title and issuer are not the reply's)."""
    from .extract.metadata import detect

    keep = {p.index for p in own}
    meta = detect([p.text.strip() for p in own])
    return replace(doc, passages=tuple(p for p in doc.passages if not p.is_content or p.index in keep),
                   title=meta.title, unit=meta.unit, kind=meta.kind or doc.kind, date=meta.date or doc.date,
                   speaker=meta.speaker)


def _org_line(text: str) -> bool:
    from .extract.metadata import is_org_line

    return len(text) <= 30 and is_org_line(text)


@lru_cache(maxsize=4)
def _reference_words(reference_text: str) -> tuple[str, frozenset[str]]:
    """The reference's words and character bigrams, once per reference (not once per report)."""
    ref = _words(reference_text)
    return ref, frozenset(ref[i:i + 2] for i in range(len(ref) - 1))


def _overlap(words: str, grams: frozenset[str]) -> float:
    own = {words[i:i + 2] for i in range(len(words) - 1)}
    return len(own & grams) / len(own) if own else 0.0



__all__ = ["Split", "cut_to", "own_part", "split_reference", "substantial"]
