"""Shipped models: written reproducibly, loaded only from the package's models dir with a sha256 check.

A pickle is code: loading one from an arbitrary path, or one that differs from what we shipped,
would run whatever it contains. So ``load_model_file`` refuses (coded error E004) any path outside
``pipeline/models/`` and any file whose sha256 differs from ``meta.json``.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import pickle
import sys
from importlib import resources
from pathlib import Path

from ..errors import DubanError
from ..segment import USERDICT

log = logging.getLogger(__name__)

MODELS_DIR = Path(str(resources.files("pipeline") / "models"))
META = "meta.json"
PICKLE_PROTOCOL = 5


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _intern_attribute_names(obj, seen: set[int] | None = None) -> None:
    """Give every estimator's ``__dict__`` interned key strings, recursively through its attributes.

    Pickle writes a string once and refers back to it when the *same object* recurs, so the bytes
    depend on string identity. Instances of one class share a key table (PEP 412); once a model has
    been unpickled in the process (``__setstate__`` fills ``__dict__`` with fresh, non-interned key
    strings), new instances of the same classes reuse those keys, and an identical fit pickled to
    different bytes (the shipped-model test failed whenever a test had loaded the model first).
    Interned keys are one object per spelling, whatever the process did before.
    """
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (list, tuple)):
        for item in obj:
            _intern_attribute_names(item, seen)
        return
    state = getattr(obj, "__dict__", None)
    if not isinstance(state, dict) or isinstance(obj, type) or not type(obj).__module__.startswith(("sklearn", "pipeline")):
        return
    obj.__dict__ = {sys.intern(k) if isinstance(k, str) else k: v for k, v in state.items()}
    for value in state.values():
        _intern_attribute_names(value, seen)


def dumps_model(obj) -> bytes:
    """Deterministic bytes of a fitted model (fixed pickle protocol; same object -> same bytes)."""
    _intern_attribute_names(obj)
    buffer = io.BytesIO()
    pickle.Pickler(buffer, protocol=PICKLE_PROTOCOL).dump(obj)
    return buffer.getvalue()


def read_meta(models_dir: Path = MODELS_DIR) -> dict:
    path = Path(models_dir) / META
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def verify_model_file(path: str | Path, models_dir: Path = MODELS_DIR) -> Path:
    """Return the resolved path if it lies in ``models_dir`` and matches meta.json; else raise E004."""
    path = Path(path)
    if not _inside(path, Path(models_dir)):
        raise DubanError("E004", reason="path is outside the package models directory")
    if path.is_symlink() or not path.is_file():
        raise DubanError("E004", reason="not a regular file in the models directory")
    expected = read_meta(models_dir).get("files", {}).get(path.resolve().relative_to(Path(models_dir).resolve()).as_posix())
    if not expected:
        raise DubanError("E004", reason="file is not listed in meta.json")
    if sha256_file(path) != expected:
        raise DubanError("E004", reason="sha256 does not match meta.json")
    return path.resolve()


def load_model_file(path: str | Path, models_dir: Path = MODELS_DIR):
    """Unpickle a verified model file."""
    verified = verify_model_file(path, models_dir)
    with open(verified, "rb") as fh:
        return pickle.load(fh)  # noqa: S301 - verified against the shipped sha256 above


def check_userdict(meta: dict) -> None:
    """Features depend on the segmenter's dictionary: warn when it changed since training."""
    expected = meta.get("userdict_sha256")
    if expected and USERDICT.exists() and sha256_file(USERDICT) != expected:
        from ..errors import warning

        log.warning(warning("W301"))


def load_default(name: str = "default", models_dir: Path = MODELS_DIR):
    """The classifier called ``name`` built from the shipped files (rules when nothing is shipped)."""
    from .combo import ComboClassifier
    from .rules import RulesClassifier
    from .sk_model import SklearnClassifier

    meta = read_meta(models_dir)
    if name == "default":
        name = meta.get("default", "rules")
    if name == "rules":
        return RulesClassifier()
    if name in ("sklearn", "combo"):
        file = meta.get("sklearn_file")
        if not file:
            raise DubanError("E004", reason="no sklearn model shipped; run `duban train`")
        check_userdict(meta)
        model = SklearnClassifier(load_model_file(Path(models_dir) / file, models_dir),
                                  smoothing=float(meta.get("smoothing", 0.0)))
        return ComboClassifier(model) if name == "combo" else model
    if name == "spacy":
        directory = meta.get("spacy_dir")
        if not directory:
            raise DubanError("E004", reason="no spaCy model shipped; train one with `duban train --spacy`")
        from .spacy_model import load_spacy_classifier

        return load_spacy_classifier(Path(models_dir) / directory, models_dir)
    raise DubanError("E203", name=name, choices="default, rules, sklearn, spacy, combo")
