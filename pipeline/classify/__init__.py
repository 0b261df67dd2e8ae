"""Passage classification: every content passage gets ``label``, ``confidence``, ``probs`` and ``cues``.

``label_document`` is the one entry point; ``get_classifier`` picks an implementation by name
("rules", "sklearn", "spacy", "combo" or "default"). Every classifier has the same interface:
``predict_passages(doc) -> list[(label, confidence, probs, cues)]`` over ``doc``'s content passages
in order (header/footer passages are skipped and stay untouched).
"""
from __future__ import annotations

from dataclasses import fields, replace
from operator import attrgetter

from ..errors import UsageError
from ..model import Document, Passage

CLASSIFIERS = ("default", "rules", "sklearn", "spacy", "combo")
_CACHE: dict[str, object] = {}


def get_classifier(name: str = "default"):
    """A classifier by name; the shipped model is loaded once per process."""
    if name not in CLASSIFIERS:
        raise UsageError("E203", name=name, choices=", ".join(CLASSIFIERS))
    if name not in _CACHE:
        _CACHE[name] = _build(name)
    return _CACHE[name]


def _build(name: str):
    from .rules import RulesClassifier

    if name == "rules":
        return RulesClassifier()
    try:
        from .modelstore import load_default
    except ImportError:
        return RulesClassifier()
    return load_default(name)


def label_document(doc: Document, classifier=None) -> Document:
    """Return ``doc`` with every content passage labelled (a new Document; the input is unchanged).

    Args:
        doc: a Document from ``pipeline.extract``.
        classifier: an object with ``predict_passages`` or a name for ``get_classifier``; None for default.
    """
    if not doc.passages:
        return doc
    if classifier is None or isinstance(classifier, str):
        classifier = get_classifier(classifier or "default")
    predictions = iter(classifier.predict_passages(doc))
    passages = []
    for p in doc.passages:
        if not p.is_content:
            passages.append(p)
            continue
        label, confidence, probs, cues = next(predictions)
        passages.append(_labelled(p, label, float(confidence), tuple((k, float(v)) for k, v in probs), tuple(cues)))
    return replace(doc, passages=tuple(passages))


# Passage's fields before the four label fields, read in one call: building the labelled copy
# directly takes half the time of dataclasses.replace (about 100 passages a report).
_LABEL_FIELDS = ("label", "confidence", "probs", "cues")
_PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))
_UNLABELLED = attrgetter(*_PASSAGE_FIELDS[:-len(_LABEL_FIELDS)])
# positional construction holds while the label fields come last and every field is an __init__ argument
_POSITIONAL = _PASSAGE_FIELDS[-len(_LABEL_FIELDS):] == _LABEL_FIELDS and all(f.init for f in fields(Passage))


def _labelled(p: Passage, label: str, confidence: float, probs: tuple, cues: tuple) -> Passage:
    """``replace(p, label=label, confidence=confidence, probs=probs, cues=cues)``."""
    if not _POSITIONAL:
        return replace(p, label=label, confidence=confidence, probs=probs, cues=cues)
    return Passage(*_UNLABELLED(p), label, confidence, probs, cues)


def clear_text_caches() -> None:
    """Forget the per-text lookups (``lexicon.fired``, the neighbours' strongest cue, the rules'
    lead-in, section and document-title types).

    They exist because each passage is looked at twice within its document (for its own features
    and as a neighbour's); a batch worker clears them per file, as it clears the segmenter's memo,
    so a file costs the same whichever files came before it.
    """
    from . import features, lexicon, rules

    lexicon.fired.cache_clear()
    features._top_cue_label.cache_clear()
    for cached in (rules.lead_in_type, rules.section_type, rules.doc_frame):
        cached.cache_clear()


__all__ = ["label_document", "get_classifier", "clear_text_caches", "CLASSIFIERS"]
