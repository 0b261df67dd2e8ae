"""Model files: refused outside the models dir or on sha256 mismatch (case 35); reproducible training."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.classify.modelstore import MODELS_DIR, load_default, read_meta, sha256_file, verify_model_file
from pipeline.errors import DubanError


def _store(tmp_path, data=b"model bytes", name="m.npz"):
    models = tmp_path / "models"
    models.mkdir()
    (models / name).write_bytes(data)
    (models / "meta.json").write_text(json.dumps({"files": {name: sha256_file(models / name)}}))
    return models


def test_modelstore_verifies_listed_file(tmp_path):
    models = _store(tmp_path)
    assert verify_model_file(models / "m.npz", models) == (models / "m.npz").resolve()


def test_modelstore_refuses_sha_mismatch(tmp_path):
    models = _store(tmp_path)
    (models / "m.npz").write_bytes(b"other bytes")
    with pytest.raises(DubanError) as info:
        verify_model_file(models / "m.npz", models)
    assert info.value.code == "E004" and "sha256" in str(info.value)


@pytest.mark.parametrize("where", ["outside", "dotdot", "symlink"])
def test_modelstore_refuses_paths_outside_models_dir(tmp_path, where):
    models = _store(tmp_path)
    outside = tmp_path / "evil.npz"
    outside.write_bytes(b"model bytes")
    if where == "outside":
        path = outside
    elif where == "dotdot":
        path = models / ".." / "evil.npz"
    else:
        path = models / "link.npz"
        path.symlink_to(outside)
    with pytest.raises(DubanError) as info:
        verify_model_file(path, models)
    assert info.value.code == "E004"


def test_modelstore_refuses_unlisted_file(tmp_path):
    models = _store(tmp_path)
    (models / "other.npz").write_bytes(b"x")
    with pytest.raises(DubanError) as info:
        verify_model_file(models / "other.npz", models)
    assert info.value.code == "E004"


def test_modelstore_shipped_model_matches_meta():
    meta = read_meta()
    assert meta["default"] in ("sklearn", "combo", "spacy", "rules")
    for name, digest in meta["files"].items():
        assert sha256_file(MODELS_DIR / name) == digest
    assert sum((MODELS_DIR / n).stat().st_size for n in meta["files"]) < 8 * 1024 * 1024


def test_modelstore_tampered_shipped_copy_is_refused(tmp_path):
    copy = tmp_path / "models"
    shutil.copytree(MODELS_DIR, copy)
    meta = read_meta(copy)
    target = copy / meta["sklearn_file"]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(DubanError) as info:
        load_default("sklearn", copy)
    assert info.value.code == "E004"


def test_train_is_reproducible_bit_for_bit(tmp_path):
    """Two trainings on the same corpus give identical model bytes (small corpus to stay fast)."""
    from pipeline.classify.train import train_default

    a = train_default(tmp_path / "a", groups=("seed", "own"))
    b = train_default(tmp_path / "b", groups=("seed", "own"))
    assert a["files"] == b["files"]
    assert (tmp_path / "a" / "sklearn.npz").read_bytes() == (tmp_path / "b" / "sklearn.npz").read_bytes()


def test_train_reproduces_shipped_model(tmp_path):
    """`duban train` on the committed corpora gives the committed model file, byte for byte."""
    from pipeline.classify.train import train_default

    meta = train_default(tmp_path / "m")
    assert meta["files"]["sklearn.npz"] == read_meta()["files"]["sklearn.npz"]
