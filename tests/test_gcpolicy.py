"""The batch keeps its results out of the cycle collector while it runs, and hands them back after."""
from __future__ import annotations

import gc

import pytest

from tests.batch_fixtures import write_good
from tests.conftest import SEED


def _run(src, out, **options):
    from pipeline.batch import run_batch

    return run_batch(src, reference=SEED, out_dir=out, progress=False, workers=1, store=False, **options)


def test_gcpolicy_batch_holds_results_then_releases_them(tmp_path, monkeypatch):
    from pipeline import gcpolicy

    write_good(tmp_path / "in", 4, formats=("txt",))
    frozen_while_writing = []
    import pipeline.batch as batch

    real_write = batch.write_outputs
    monkeypatch.setattr(batch, "write_outputs",
                        lambda *a, **k: frozen_while_writing.append(gc.get_freeze_count()) or real_write(*a, **k))
    result = _run(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 0 and len(result.rows) == 4
    assert frozen_while_writing and frozen_while_writing[0] > 0     # results held while the outputs are written
    assert gc.get_freeze_count() == 0                                # and handed back afterwards
    assert gcpolicy.WORKER_THRESHOLDS[0] > gc.get_threshold()[0]     # this process's settings untouched


def test_gcpolicy_released_when_the_batch_fails_half_way(tmp_path, monkeypatch):
    import pipeline.batch as batch

    write_good(tmp_path / "in", 2, formats=("txt",))

    def broken(*_, **__):
        assert gc.get_freeze_count() > 0
        raise RuntimeError("writer bug")

    monkeypatch.setattr(batch, "write_outputs", broken)
    with pytest.raises(RuntimeError):
        _run(tmp_path / "in", tmp_path / "out")
    assert gc.get_freeze_count() == 0
