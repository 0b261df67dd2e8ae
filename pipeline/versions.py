"""Version stamps for the resume key: the code that ran and the model it used.

``pipeline_version`` is the package version (bump it when rules or readers change what a file
yields: cached results of older versions are then redone; a digest of the sources was tried and
dropped, because any edit anywhere, even a comment, threw every cache away). ``model_hash``
identifies the classifier the workers load.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).resolve().parent
def _digest_files(root: Path, suffixes=None) -> str:
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if suffixes is not None and path.suffix not in suffixes:
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pipeline_version() -> str:
    """The release version, part of every resume key."""
    return __version__


@lru_cache(maxsize=1)
def model_hash() -> str:
    """Digest of the shipped model files (``pipeline/models``), or "rules" when there are none.

    The files are digested without loading the model (a ``--resume`` run whose files are all cached
    then never imports scikit-learn); a tampered file changes the digest, so nothing cached under
    the genuine model is reused, and the model's sha256 check refuses it where it is loaded.
    """
    models = PACKAGE / "models"
    if models.is_dir() and any(models.iterdir()):
        return _digest_files(models)[:16]
    return "rules"
