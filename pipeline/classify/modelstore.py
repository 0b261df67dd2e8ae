"""Shipped models: written reproducibly, loaded only from the package's models dir with a sha256 check.

The shipped sklearn model holds numbers only (``linear.py``: an .npz read without pickles), and
``verify_model_file`` still refuses (coded error E004) any path outside ``pipeline/models/`` and any
file whose sha256 differs from ``meta.json``: a model that is not the one we shipped would silently
label differently. The spaCy model directory is checked the same way, file by file.
"""
from __future__ import annotations

import hashlib
import json
import logging
from importlib import resources
from pathlib import Path

from ..errors import DubanError
from ..segment import USERDICT

log = logging.getLogger(__name__)

MODELS_DIR = Path(str(resources.files("pipeline") / "models"))
META = "meta.json"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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
    from .linear import SklearnClassifier, read_linear

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
        model = SklearnClassifier(read_linear(verify_model_file(Path(models_dir) / file, models_dir)),
                                  smoothing=float(meta.get("smoothing", 0.0)))
        return ComboClassifier(model) if name == "combo" else model
    if name == "spacy":
        directory = meta.get("spacy_dir")
        if not directory:
            raise DubanError("E004", reason="no spaCy model shipped; train one with `duban train --spacy`")
        from .spacy_model import load_spacy_classifier

        return load_spacy_classifier(Path(models_dir) / directory, models_dir)
    raise DubanError("E203", name=name, choices="default, rules, sklearn, spacy, combo")
