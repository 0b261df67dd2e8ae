"""``json.dumps(obj, ensure_ascii=False, indent=2, default=str)``, written without generators.

Why: with ``indent`` set, the standard library encodes in pure Python through nested generators
(its C encoder only runs without indentation), which made gaps.json (14 MB for a thousand reports)
the slowest text file of a batch. This writes the same text by one recursive function joining
lists; strings still go through the standard library's C escaper. Only the circular-reference
check is left out (the gap table's records are trees). tests/export/test_json_text.py compares
with ``json.dumps`` on hostile values.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring

INDENT = "  "
_float_repr = float.__repr__
_int_repr = int.__repr__
_INF = float("inf")



def dumps_indented(obj) -> str:
    """The text ``json.dumps(obj, ensure_ascii=False, indent=2, default=str)`` returns."""
    return _text(obj, "\n", {})


def _text(value, newline: str, keys: dict) -> str:
    """``value`` as JSON, its nested lines indented by ``newline``; ``keys`` caches key texts."""
    if isinstance(value, str):            # the checks in ``json``'s order
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _int_repr(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = newline + INDENT
        return ("[" + inner + ("," + inner).join([
            encode_basestring(item) if type(item) is str else _text(item, inner, keys) for item in value])
            + newline + "]")
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + INDENT
        return ("{" + inner + ("," + inner).join([
            (keys.get(key) or _key_text(key, keys))
            + (encode_basestring(item) if type(item) is str else _text(item, inner, keys))
            for key, item in value.items()]) + newline + "}")
    return encode_basestring(str(value))            # default=str


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return _float_repr(value)


def _key_text(key, keys: dict) -> str:
    """``"key": `` as ``json`` writes it; remembered for exact strings only (``True``, ``1`` and
    ``1.0`` are equal dict keys but different JSON)."""
    if isinstance(key, str):
        text = encode_basestring(key) + ": "
        if type(key) is str:
            keys[key] = text
        return text
    if isinstance(key, float):
        return encode_basestring(_float_text(key)) + ": "
    if key is True or key is False or key is None:
        return encode_basestring(json.dumps(key)) + ": "
    if isinstance(key, int):
        return encode_basestring(_int_repr(key)) + ": "
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


__all__ = ["dumps_indented"]
