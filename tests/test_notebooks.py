"""The three notebooks execute top to bottom in a fresh kernel, and are committed without outputs."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_are_the_three_documented_ones():
    assert [p.name for p in NOTEBOOKS] == ["01_explore_speech.ipynb", "02_gap_analysis.ipynb",
                                           "03_corpus_statistics.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_committed_without_outputs(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_execute_in_a_fresh_kernel(path):
    """``python3`` resolves to this interpreter (the venv): jupyter_client maps a kernel spec whose
    argv starts with ``python`` to ``sys.executable``, and ipykernel's own spec is used otherwise."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[0]["ename"] if errors else ""
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert images                                          # every notebook draws at least one chart
    assert all(c.execution_count is not None for c in code)


def test_notebooks_kernel_is_this_interpreter():
    """``kernel_name="python3"`` must run the venv's Python (where duban is installed), not a system one."""
    import os
    import sys

    import nbformat
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("import sys, pipeline; print(sys.prefix)")])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    printed = "".join(o.get("text", "") for o in nb.cells[0].outputs).strip()
    assert os.path.realpath(printed) == os.path.realpath(sys.prefix)
