"""Model + structure: the statistical model's label, overridden where document structure is decisive.

Structure that LABELS.md makes binding (an item announced as 职责 is a duty; 一要/二要 items are
requirements; a 存在的问题 section states problems; a report's 下一步 section holds plans; a lead-in
that only announces a list is other) wins over the model. Everything else is the model's call.
"""
from __future__ import annotations

from ..model import LABELS, Document

# structural reason -> label it forces (checked in this order)
OVERRIDES: tuple[tuple[str, str], ...] = (
    ("lead_in_sentence", "other"),
    ("section_label", "other"),
    ("lead_in:职责", "duty"),
    ("marker:一要", "requirement"),
    ("section:存在的问题", "problem"),
    ("section:下一步", "requirement"),
)


class ComboClassifier:
    """Wraps a model classifier; ``overrides`` selects which structural reasons may overrule it."""

    name = "combo"

    def __init__(self, model, overrides: tuple[tuple[str, str], ...] = OVERRIDES):
        self.model = model
        self.overrides = overrides

    def predict_passages(self, doc: Document):
        out = []
        inline = _shares_line_with_next(doc)
        for i, (label, conf, probs, cues) in enumerate(self.model.predict_passages(doc)):
            forced = next((lab for reason, lab in self.overrides if reason in cues
                           and not (reason == "lead_in_sentence" and inline[i])), None)
            if forced and forced != label:
                probs_d = dict(probs)
                # keep a distribution: move the forced label to the top, renormalise
                probs_d[forced] = max(probs_d.values()) + 0.05
                total = sum(probs_d.values())
                probs = tuple((k, probs_d[k] / total) for k in LABELS)
                label, conf = forced, probs_d[forced] / total
                cues = tuple(cues) + (f"override:{forced}",)
            out.append((label, conf, probs, cues))
        return out


def _shares_line_with_next(doc: Document) -> list[bool]:
    """Per content passage: whether the next one follows on the same line.

    A lead-in such as "……提出四方面职责要求：第一，……" is one gold sentence with its first item (gold
    sentences are cut at line breaks and 。！？, never at "："), so it carries that item's act; only
    a lead-in alone on its line "only announces a list" and is other (LABELS.md).
    """
    content = [p for p in doc.passages if p.is_content]
    return [b is not None and "\n" not in doc.text[a.end:b.start]
            for a, b in zip(content, content[1:] + [None])]
