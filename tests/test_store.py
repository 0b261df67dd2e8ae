"""The results store: runs accumulate in DuckDB, Parquet exports union across batch folders."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.batch_fixtures import write_good
from tests.conftest import SEED

from pipeline import store
from pipeline.batch import run_batch


def _batch(src, out, **options):
    return run_batch(src, out_dir=out, workers=1, progress=False, **{"reference": SEED, **options})


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Two runs into one folder (the second resumed) and one run into another folder."""
    tmp = tmp_path_factory.mktemp("store")
    write_good(tmp / "a", 3, formats=("txt", "docx"))
    write_good(tmp / "b", 2, formats=("txt",))
    (tmp / "a" / "zero.txt").write_bytes(b"")
    first = _batch(tmp / "a", tmp / "out_a")
    second = _batch(tmp / "a", tmp / "out_a", resume=True)
    other = _batch(tmp / "b", tmp / "out_b")
    return tmp, first, second, other


def test_store_accumulates_runs_with_run_id(two_runs):
    tmp, first, second, _ = two_runs
    runs = store.load("runs", tmp / "out_a")
    assert sorted(runs["run_id"]) == sorted([first.run_id, second.run_id])
    docs = store.load("documents", tmp / "out_a")
    assert len(docs) == 2 * len(first.documents) and len(first.documents) == 4
    latest = store.load("documents", tmp / "out_a", latest=True)
    assert set(latest["run_id"]) == {max(first.run_id, second.run_id)}
    manifest = store.load("manifest", tmp / "out_a", run_id=second.run_id)
    assert manifest["resumed"].all() and len(manifest) == 4


def test_store_holds_passages_checklist_and_gap_rows(two_runs):
    tmp, first, _, _ = two_runs
    passages = store.load("passages", tmp / "out_a", run_id=first.run_id)
    assert len(passages) == sum(len(d.passages) for d in first.documents)
    assert all(isinstance(json.loads(p), list) for p in passages["path"])      # nested values as JSON
    items = store.load("checklist_items", tmp / "out_a", run_id=first.run_id)
    assert len(items) == len(first.checklist.items)
    gaps = store.load("gap_rows", tmp / "out_a", run_id=first.run_id)
    assert len(gaps) == len(first.gap_rows) > 0


def test_store_sql_query_across_runs(two_runs):
    tmp, first, second, _ = two_runs
    counts = store.query("SELECT run_id, count(*) AS n FROM manifest GROUP BY run_id ORDER BY run_id", tmp / "out_a")
    assert counts["n"].tolist() == [4, 4]


def test_store_parquet_exports_union_many_batches(two_runs):
    tmp, first, second, other = two_runs
    docs = store.read_parquet("documents", [tmp / "out_a", tmp / "out_b"])
    assert set(docs["run_id"]) == {first.run_id, second.run_id, other.run_id}
    assert len(docs) == 4 + 4 + 2
    assert store.read_parquet("documents", [tmp / "nowhere"]).empty


def test_store_adds_columns_a_newer_pipeline_writes(tmp_path):
    import duckdb

    path = tmp_path / store.DB_NAME
    with duckdb.connect(str(path)) as con:
        store._append(con, "documents", pd.DataFrame({"run_id": ["r1"], "doc_id": ["a"]}))
        store._append(con, "documents", pd.DataFrame({"run_id": ["r2"], "doc_id": ["b"], "pages": [3]}))
    frame = store.load("documents", tmp_path).sort_values("run_id")
    assert frame["doc_id"].tolist() == ["a", "b"] and pd.isna(frame["pages"].iloc[0])


def test_store_failure_is_reported_and_exits_1(tmp_path, capsys):
    """QA9 H6: a store that could not record the run said E401 and exited 0, so a scheduled job never
    noticed; the manifest and the report files are still written."""
    write_good(tmp_path / "in", 1, formats=("txt",))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / store.DB_NAME).mkdir()              # not a database: cannot be opened
    result = _batch(tmp_path / "in", tmp_path / "out")
    err = capsys.readouterr().err
    assert "[E401]" in err and store.DB_NAME in err and "not in the results store" in err
    assert result.exit_code == 1 and not store.run_recorded(tmp_path / "out", result.outputs)
    assert (tmp_path / "out" / "manifest.csv").exists() and (tmp_path / "out" / "gaps.csv").exists()


def test_store_takes_a_pdf_run_after_a_txt_only_run(tmp_path, capsys):
    """QA9 H6: the first run into a folder had no PDF, so ``documents.pages`` and ``passages.page``
    were created with DuckDB type NULL, and every later run with a PDF failed (E401
    TransactionException): the tables are created with their declared types."""
    write_good(tmp_path / "txt", 1, formats=("txt",))
    write_good(tmp_path / "pdf", 1, formats=("pdf",))
    first = _batch(tmp_path / "txt", tmp_path / "out", store=True)
    second = _batch(tmp_path / "pdf", tmp_path / "out", store=True)
    assert "[E401]" not in capsys.readouterr().err
    assert store.run_recorded(tmp_path / "out", second.outputs)
    docs = store.query("SELECT run_id, pages FROM documents ORDER BY run_id", tmp_path / "out")
    assert docs["run_id"].tolist() == sorted([first.run_id, second.run_id])
    assert pd.isna(docs["pages"].iloc[0]) and docs["pages"].iloc[1] >= 1
    types = dict(store.query("SELECT table_name || '.' || column_name, data_type FROM information_schema.columns",
                             tmp_path / "out").values)
    assert types["documents.pages"] == types["passages.page"] == types["checklist_items.page"] == "BIGINT"


def test_store_with_a_null_typed_column_takes_runs_again(tmp_path):
    """QA9 H6: a store an older duban left with a NULL-typed column (folders already broken) gets the
    column's declared type on the next run, keeping the rows it had."""
    import duckdb

    path = tmp_path / store.DB_NAME
    old = pd.DataFrame({"run_id": ["r1"], "doc_id": ["a"], "pages": [None]})
    with duckdb.connect(str(path)) as con:
        con.register("old", old)
        con.execute("CREATE TABLE documents AS SELECT * FROM old")      # what duban <= 95c4be1 did
        assert store.is_null_type(con.execute("SELECT data_type FROM information_schema.columns "
                                               "WHERE column_name = 'pages'").fetchone()[0])
    store._append_all(path, {"documents": pd.DataFrame({"run_id": ["r2"], "doc_id": ["b"], "pages": [3.0]})})
    frame = store.load("documents", tmp_path).sort_values("run_id")
    assert frame["doc_id"].tolist() == ["a", "b"] and pd.isna(frame["pages"].iloc[0]) and frame["pages"].iloc[1] == 3


@pytest.mark.parametrize("table", store.TABLES)
def test_store_declared_types_match_the_frames_a_batch_writes(two_runs, table):
    """Every column a frame brings with a value has the type the store declares for it (or one DuckDB
    casts to it without loss), so declaring the schema never refuses a real run."""
    import duckdb

    tmp, first, _, _ = two_runs
    frames = store.batch_frames(first)
    declared = store.declared_types(table)
    # (found, declared): an int column with a None in it is float64 in pandas (whole numbers)
    lossless = {("BIGINT", "DOUBLE"), ("INTEGER", "BIGINT"), ("DOUBLE", "BIGINT")}
    with duckdb.connect() as con:
        con.register("incoming", frames[table])
        found = {row[0]: row[1] for row in con.execute("DESCRIBE incoming").fetchall()}
    for column, dtype in found.items():
        if column in declared and dtype != '"NULL"':
            assert dtype == declared[column] or (dtype, declared[column]) in lossless, (column, dtype)


def test_store_unknown_table_is_refused(tmp_path):
    with pytest.raises(ValueError):
        store.load("secrets", tmp_path)


def _documents_for_table():
    """Labelled and unlabelled documents, a PDF with page numbers, an empty one."""
    from dataclasses import replace

    from pipeline.bench import pdf_bytes
    from pipeline.classify import label_document
    from pipeline.extract import read_bytes, read_path

    speech = label_document(read_path(SEED))
    pdf = label_document(read_bytes(pdf_bytes(["第一督导组关于落实情况的报告", "我组共召开座谈会12次。" * 30]),
                                    name="r.pdf"))
    unlabelled = read_path(SEED)
    odd = replace(speech, passages=tuple(replace(p, confidence=None, probs=(), cues=("a\"b", "引号“”")) for p in
                                         speech.passages[:5]))
    return [speech, pdf, unlabelled, odd, replace(speech, passages=())]


@pytest.mark.parametrize("pick", [slice(None), slice(0, 1), slice(1, 2), slice(2, 4), slice(4, 5), slice(0, 0)])
def test_store_passages_table_equals_the_flattened_frame(pick):
    from pipeline.model import passages_frame

    docs = _documents_for_table()[pick]
    pd.testing.assert_frame_equal(store.passages_table(docs, "run-1"),
                                  store._storable(passages_frame(docs), "run-1"), check_exact=True)


def _plain_probs_json(probs) -> str:
    """The definition the store's ``probs`` column text follows."""
    return json.dumps({k: round(float(v), 4) for k, v in probs}, ensure_ascii=False)


def _probs_cases() -> list[tuple]:
    import math
    import random

    import numpy as np

    labels = ("duty", "requirement", "problem", "exemplar", "measure", "other")
    rng = random.Random(11)
    cases = [(), (("other", 1.0),), tuple(zip(labels, (0.0, -0.0, 1e-5, -1e-5, 0.00005, 0.00015))),
             tuple(zip(labels, (0.12345, 0.12355, 2.5e-5, 0.99995, 1.0, 5e-324))),
             tuple(zip(labels, (math.nan, 0.1, 0.2, 0.3, 0.4, 0.5))), (("duty", math.inf), ("other", -math.inf)),
             tuple(zip(labels, np.array([0.1, 0.2, 0.3, 0.15, 0.15, 0.1], dtype=np.float32))),
             tuple(zip(labels, np.linspace(0, 1, 6))), tuple(zip(labels, (0, 1, True, False, 3, -2))),
             (("duty", 0.5), ("duty", 0.25), ("other", 0.25)),                 # a label twice: the dict keeps one
             (("100%", 0.5), ("%s", 0.25), ('引号"\\', 0.25), ("問題", 0.1)), ((1, 0.5), (None, 0.5)),
             (("duty", 1e17), ("other", 123456789012.34567)), (("duty", -1e-320),),
             tuple((f"l{k}", 1 / (k + 1)) for k in range(70))]                # more labels than the templates take
    for _ in range(300):
        values = [rng.choice([rng.random(), rng.random() * 1e-4, round(rng.random(), rng.randint(0, 6)),
                              rng.random() * 10 ** rng.randint(-8, 8), -rng.random()]) for _ in labels]
        cases.append(tuple(zip(rng.sample(labels, rng.randint(1, len(labels))), values)))
    return cases


def test_store_probs_column_equals_the_plain_json_dumps():
    cases = _probs_cases()
    assert store.probs_column(cases) == [_plain_probs_json(probs) for probs in cases]
    for probs in cases[:20]:                                           # alone, and first or last
        assert store.probs_column([probs]) == [_plain_probs_json(probs)]
        assert store.probs_column([probs, cases[-1]])[0] == _plain_probs_json(probs)
        assert store.probs_column([cases[-1], probs])[1] == _plain_probs_json(probs)
    assert store.probs_column([]) == []


def _floats_to_round() -> list[float]:
    import math
    import random
    import struct

    rng = random.Random(4)
    ties = [(2 * k + 1) / 20000 for k in range(-50, 50)] + [0.03125, -0.03125, 0.00005, 0.00015, 0.12345, 0.99995]
    edges = [0.0, -0.0, 5e-324, -5e-324, 1e-5, -1e-5, 4.9999e-5, 5.0001e-5, 104.8575, 104.8576, 104.85765, -104.8576,
             1e11, 123456789012.34567, 1e300, -1e300, math.nan, math.inf, -math.inf, 1.0, -1.0, 0.1, 0.7]
    noise = [rng.random() for _ in range(3000)] + [rng.uniform(-200, 200) for _ in range(2000)]
    near = [math.nextafter(t, d) for t in ties for d in (math.inf, -math.inf)]
    bits = [struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0] for _ in range(2000)]
    return ties + edges + noise + near + bits


def test_store_round4_equals_python_round():
    import numpy as np

    values = _floats_to_round()
    got = store.round4(np.array(values, dtype=float))
    for value, rounded in zip(values, got):
        expected = round(value, 4)
        assert repr(rounded) == repr(expected), value                  # repr: -0.0 and nan count too


class _Kind(__import__("enum").Enum):
    A = "a"


class _IntKind(int, __import__("enum").Enum):
    ONE = 1


def test_store_flat_column_equals_flat_of_each_value():
    values = [None, 0, 3, -1.5, float("nan"), True, "", "文本", ("一", "二"), ["一", "二"], ("一", 2), [], (),
              {"a": 1}, _Kind.A, _IntKind.ONE, [_Kind.A], {"k": (_Kind.A, 1)}, ("一", "二"), b"bytes"]
    flat = store._flat_column(values)
    plain = [store._flat(v) for v in values]
    assert [repr(v) for v in flat] == [repr(v) for v in plain]
    assert [type(v) for v in flat] == [type(v) for v in plain]


def test_store_schema_refuses_an_unknown_table():
    # review7 L: any unknown table name got GapRow's types
    from pipeline.store_schema import declared_types

    with pytest.raises(ValueError):
        declared_types("gap_row")
