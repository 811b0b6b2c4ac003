"""The rustbone-kit command, the notebook executor, and a non-editable install."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

import rustbone_kit as rk
from rustbone_kit.cli import main, stamp_checksum
from rustbone_kit.notebooks import execute_notebook

ROOT = Path(__file__).resolve().parents[1]
GOOD = "---\nid: demo\ntitle: A demo review\nkind: review\n---\nAli swims. Sam sleeps.\n"


def test_check_readings_passes_on_the_bundled_readings(capsys):
    assert main(["check-readings"]) == 0
    assert "5 readings load cleanly" in capsys.readouterr().out


def test_check_readings_prints_every_problem_and_exits_1(tmp_path, capsys):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "bad.md").write_text(GOOD.replace("title: A demo review", "titel: X"))
    (tmp_path / "other.txt").write_text("x")
    assert main(["check-readings", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bad.md, line 3, field 'titel': unknown field 'titel'; did you mean 'title'?" in err
    assert "other.txt" in err and "2 problem(s); 1 reading(s) load cleanly" in err


def test_checksum_prints_and_writes_the_line(tmp_path, capsys):
    path = tmp_path / "demo.md"
    path.write_text(GOOD)
    assert main(["checksum", str(path)]) == 0
    expected = rk.body_checksum("Ali swims. Sam sleeps.\n")
    assert f"checksum: {expected}" in capsys.readouterr().out
    assert main(["checksum", "--write", str(path)]) == 0
    assert rk.load_corpus(tmp_path)["demo"].meta["checksum"] == expected
    path.write_text(path.read_text().replace("Sam sleeps", "Sam wakes"))  # a deliberate edit
    assert main(["checksum", "--write", str(path)]) == 0
    assert rk.load_corpus(tmp_path)["demo"].meta["checksum"] != expected
    assert path.read_text().count("checksum:") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no header", "missing header"),
        ("---\nid: demo\ntitle: T\nkind: review\nText.\n", "unclosed header"),
        (GOOD.replace("title: A demo review", "titel: T"), "did you mean 'title'"),
    ],
)
def test_checksum_refuses_a_bad_reading_with_the_loaders_message(
    tmp_path, capsys, content, message
):
    path = tmp_path / "demo.md"
    path.write_text(content)
    assert main(["checksum", "--write", str(path)]) == 1
    assert message in capsys.readouterr().err
    assert path.read_text() == content  # nothing written


def test_checksum_touches_only_the_header_and_keeps_crlf(tmp_path):
    body = "checksum: this line is the critic's text\r\nAli swims.\r\n"
    path = tmp_path / "demo.md"
    path.write_bytes(b"---  \r\nid: demo\r\ntitle: T\r\nkind: review\r\n---\r\n" + body.encode())
    line = stamp_checksum(path)
    raw = path.read_bytes()
    assert raw.endswith(body.encode()) and raw.count(b"\r\n") == raw.count(b"\n")
    reading = rk.load_corpus(tmp_path)["demo"]
    assert line == f"checksum: {reading.meta['checksum']}"
    assert reading.text.startswith("checksum: this line is the critic's text\n")


def test_console_script_is_installed():
    result = subprocess.run(
        [Path(sys.executable).parent / "rustbone-kit", "check-readings"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "bowditch, compiled-page, marchant, overview, unsigned-review" in result.stdout


def test_execute_notebook_stores_deterministic_outputs(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "import rustbone_kit as rk\nrk.widgets.ReadingBrowser(rk.load_corpus())"
            )
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
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


def test_a_wheel_carries_the_readings_and_loads_them_outside_the_source_tree(tmp_path):
    """pip install . (not editable) must still find the bundled readings."""
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("rustbone_kit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"rustbone_kit/readings/{r}.md" for r in rk.load_corpus().ids} <= set(names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import rustbone_kit as rk; c = rk.load_corpus(); "
        "print(rk.__file__); print(c.path); print(len(c))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert out[0].startswith(str(site)) and out[1].startswith(str(site)) and out[2] == "5"
