"""The notebook executor: deterministic outputs, and atomic saves that never lose an edit."""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import nbformat
import pytest
from helpers import Meanwhile

from rustbone_kit.errors import KitError, StaleFileError
from rustbone_kit.notebooks import (
    execute_all,
    execute_notebook,
    run_notebook,
    scrub,
    write_notebook,
)

KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = dict(KERNEL)
    return nb


def test_execute_notebook_stores_deterministic_outputs(tmp_path):
    nb = notebook("import rustbone_kit as rk\nrk.widgets.ReadingBrowser(rk.load_corpus())")
    path = tmp_path / "w.ipynb"
    nbformat.write(nb, path)
    report = execute_notebook(path)
    first = path.read_text()
    execute_notebook(path)
    assert path.read_text() == first and report.size_bytes == path.stat().st_size
    saved = json.loads(first)
    (output,) = saved["cells"][0]["outputs"]
    assert list(output["data"]) == ["text/plain"]  # the random-id widget view is gone
    assert "widgets" not in saved["metadata"] and "execution" not in saved["cells"][0]["metadata"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.ipynb"]  # no .bak, no temp file


def test_write_notebook_is_byte_for_byte_what_nbformat_writes(tmp_path):
    nb = notebook("print('é')", "1 + 1")
    nbformat.write(nb, tmp_path / "plain.ipynb")
    write_notebook(nb, tmp_path / "atomic.ipynb")
    assert (tmp_path / "atomic.ipynb").read_bytes() == (tmp_path / "plain.ipynb").read_bytes()


def test_execute_notebook_keeps_the_mode_and_runs_from_the_notebooks_folder(tmp_path):
    (tmp_path / "data.txt").write_text("here")
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook("print(open('data.txt').read())"), path)
    path.chmod(0o640)
    execute_notebook(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    (output,) = nbformat.read(path, as_version=4).cells[0].outputs
    assert output.text == "here\n"


def test_a_failing_cell_leaves_the_file_as_it_was(tmp_path):
    from nbclient.exceptions import CellExecutionError

    path = tmp_path / "n.ipynb"
    nbformat.write(notebook("raise RuntimeError('boom')"), path)
    before = path.read_bytes()
    with pytest.raises(CellExecutionError, match="boom"):
        execute_notebook(path)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["n.ipynb"]


def test_a_save_made_while_the_notebook_ran_is_not_overwritten(tmp_path):
    """A teacher saves the lesson in JupyterLab while `rustbone-kit notebooks` runs it."""
    path = tmp_path / "n.ipynb"
    meanwhile = Meanwhile(tmp_path / "sync")
    nbformat.write(notebook(meanwhile.cell), path)
    edited = notebook("print('the teacher's new cell')")
    saver = meanwhile.start(lambda: nbformat.write(edited, path))
    try:
        with pytest.raises(StaleFileError, match="changed since it was read") as err:
            execute_notebook(path)
    finally:
        saver.join()
    assert err.value.path == str(path)
    assert "the teacher's new cell" in path.read_text()


def test_execute_all_prints_progress_and_a_read_only_notebook_is_refused(tmp_path, capsys):
    good, locked = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    nbformat.write(notebook("1 + 1"), good)
    nbformat.write(notebook("2 + 2"), locked)
    locked.chmod(0o444)
    before = locked.read_bytes()
    with pytest.raises(KitError, match="read-only") as err:
        execute_all([good, locked])
    assert err.value.path == str(locked) and locked.read_bytes() == before
    out = capsys.readouterr().out
    assert "[1/2] running" in out and f"[1/2] {good}:" in out and "[2/2] running" in out
    assert nbformat.read(good, as_version=4).cells[0].outputs[0].data["text/plain"] == "2"


def test_scrub_drops_widget_views_state_and_timings():
    nb = notebook("w")
    nb.metadata["widgets"] = {"state": {}}
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "now"}
    nb.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/plain": "W", "application/vnd.jupyter.widget-view+json": {"a": 1}},
        )
    ]
    scrub(nb)
    assert "widgets" not in nb.metadata and "execution" not in nb.cells[0].metadata
    assert nb.cells[0].outputs[0].data == {"text/plain": "W"}


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [("", "is an empty file", None), ('{\n"cells": [,\n', "is not valid JSON", 2),
     ('{"nbformat": 4}', "not a notebook nbformat can read", None)],
)  # fmt: skip
def test_a_corrupt_notebook_is_a_located_error_before_any_kernel_starts(
    tmp_path, text, reason, line
):
    path = tmp_path / "lesson.ipynb"
    path.write_text(text)
    with pytest.raises(KitError, match=reason) as err:
        execute_notebook(path)
    assert err.value.path == str(path) and err.value.line == line and err.value.fix
    assert path.read_text() == text


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets: Linux and macOS")
def test_a_run_uses_private_sockets_and_leaves_no_warning_or_folder(tmp_path, capfd, monkeypatch):
    # this test's own temporary folder (other workers run kernels too), with a short path:
    # a socket's path may not be longer than about 100 bytes
    private = Path(tempfile.mkdtemp(prefix="rk-test-"))
    seen: list[list[str]] = []
    real = tempfile.mkdtemp

    def watched(*args, **kwargs):
        made = real(*args, **kwargs)
        seen.append([p.name for p in Path(made).parent.iterdir()])
        return made

    try:
        with monkeypatch.context() as patch:
            patch.setattr(tempfile, "tempdir", str(private))
            patch.setattr(tempfile, "mkdtemp", watched)
            nb = notebook("import os\nprint(os.getpid() > 0)")
            run_notebook(nb, folder=tmp_path)
        assert nb.cells[0].outputs[0]["text"] == "True\n"
        assert any(name.startswith("rustbone-kernel-") for name in seen[0])  # the sockets' folder
        printed = capfd.readouterr()
        assert "without encryption" not in printed.err + printed.out  # the kernel's TCP warning
        assert list(private.iterdir()) == []  # and it is gone
    finally:
        shutil.rmtree(private, ignore_errors=True)


def test_a_temporary_folder_too_deep_for_a_socket_runs_the_kernel_over_tcp(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 120)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    nb = notebook("print(1 + 1)")
    run_notebook(nb, folder=tmp_path)  # before, zmq refused: "File name too long"
    assert nb.cells[0].outputs[0]["text"] == "2\n"
