"""Model files: refused outside the models dir or on sha256 mismatch (case 35); reproducible training."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.classify.modelstore import (MODELS_DIR, dumps_model, load_default, load_model_file, read_meta,
                                          sha256_file, verify_model_file)
from pipeline.errors import DubanError


def _store(tmp_path, obj, name="m.pkl"):
    models = tmp_path / "models"
    models.mkdir()
    (models / name).write_bytes(dumps_model(obj))
    (models / "meta.json").write_text(json.dumps({"files": {name: sha256_file(models / name)}}))
    return models


def test_modelstore_loads_verified_file(tmp_path):
    models = _store(tmp_path, {"weights": [1, 2, 3]})
    assert load_model_file(models / "m.pkl", models) == {"weights": [1, 2, 3]}


def test_modelstore_refuses_sha_mismatch(tmp_path):
    models = _store(tmp_path, {"weights": [1, 2, 3]})
    (models / "m.pkl").write_bytes(dumps_model({"weights": [6, 6, 6]}))
    with pytest.raises(DubanError) as info:
        load_model_file(models / "m.pkl", models)
    assert info.value.code == "E004" and "sha256" in str(info.value)


@pytest.mark.parametrize("where", ["outside", "dotdot", "symlink"])
def test_modelstore_refuses_paths_outside_models_dir(tmp_path, where):
    models = _store(tmp_path, {"ok": True})
    outside = tmp_path / "evil.pkl"
    outside.write_bytes(dumps_model({"evil": True}))
    if where == "outside":
        path = outside
    elif where == "dotdot":
        path = models / ".." / "evil.pkl"
    else:
        path = models / "link.pkl"
        path.symlink_to(outside)
    with pytest.raises(DubanError) as info:
        load_model_file(path, models)
    assert info.value.code == "E004"


def test_modelstore_refuses_unlisted_file(tmp_path):
    models = _store(tmp_path, {"ok": True})
    (models / "other.pkl").write_bytes(dumps_model({"x": 1}))
    with pytest.raises(DubanError) as info:
        verify_model_file(models / "other.pkl", models)
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
    assert (tmp_path / "a" / "sklearn.pkl").read_bytes() == (tmp_path / "b" / "sklearn.pkl").read_bytes()


@pytest.mark.slow
def test_train_reproduces_shipped_model(tmp_path):
    from pipeline.classify.train import train_default

    meta = train_default(tmp_path / "m")
    assert meta["files"]["sklearn.pkl"] == read_meta()["files"]["sklearn.pkl"]


_FIT_AND_DUMP = r'''
import pickle, sys
if sys.argv[1] == "load-first":          # as when a process has loaded the shipped model before training
    pickle.loads(sys.stdin.buffer.read())
from pipeline.classify.modelstore import dumps_model
from pipeline.classify.sk_model import PassageTextClassifier
texts = ["各单位要严格落实值班制度。", "我局共组织学习12次。", "部分企业培训流于形式。", "同志们：", "要刻苦学习。", "召开了专题会议。"]
X = [{"text": t, "frame": "下面提三点要求", "ctx": "kind=speech", "rules": [0.0] * 6} for t in texts]
y = ["requirement", "measure", "problem", "other", "requirement", "measure"]
sys.stdout.buffer.write(dumps_model(PassageTextClassifier(char_ngrams=(1, 1)).fit(X, y)))
'''


def test_modelstore_bytes_do_not_depend_on_an_earlier_unpickle():
    """Unpickling first leaves non-interned attribute names in the classes' shared key tables;
    an identical fit must still pickle to the same bytes (fresh interpreters, so no test order matters)."""
    import subprocess
    import sys

    fresh = subprocess.run([sys.executable, "-c", _FIT_AND_DUMP, "fresh"], capture_output=True, check=True).stdout
    after_load = subprocess.run([sys.executable, "-c", _FIT_AND_DUMP, "load-first"], input=fresh,
                                capture_output=True, check=True).stdout
    assert fresh and after_load == fresh
