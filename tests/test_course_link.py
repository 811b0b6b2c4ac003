"""The nbgitpuller link and ``rustbone-kit link`` (followed on a real hub in tests/hub/)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from rustbone_kit.cli import main
from rustbone_kit.course_link import _https, nbgitpuller_link, origin_url
from rustbone_kit.errors import ArgumentError, KitError


def query(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


def test_the_link_names_repo_branch_folder_and_the_page_to_open():
    link = nbgitpuller_link(
        "https://hub.school.org/hub/", "https://github.com/ana/course.git", branch="autumn"
    )
    assert link.startswith("https://hub.school.org/hub/user-redirect/git-pull?")
    assert query(link) == {
        "repo": "https://github.com/ana/course.git",
        "branch": "autumn",
        "targetpath": "course",
        "urlpath": "lab/tree/course",
    }
    opened = nbgitpuller_link(
        "http://127.0.0.1:8000", "file:///srv/course", open="/lessons/03.ipynb", target="films"
    )
    assert query(opened)["urlpath"] == "lab/tree/films/lessons/03.ipynb"
    assert query(opened)["targetpath"] == "films" and "branch" not in query(opened)


@pytest.mark.parametrize(
    ("hub", "repo", "target", "message"),
    [
        ("hub.school.org", "https://x/y", None, "is not a web address"),
        ("ftp://hub", "https://x/y", None, "is not a web address"),
        ("https://hub", "", None, "no repository address"),
        ("https://hub", "https://x/y", "a/b", "cannot name a folder"),
    ],
)
def test_a_bad_hub_repository_or_folder_is_refused(hub, repo, target, message):
    with pytest.raises(ArgumentError, match=message):
        nbgitpuller_link(hub, repo, target=target)


def test_ssh_addresses_become_https_for_the_students_servers():
    assert _https("git@github.com:ana/course.git") == "https://github.com/ana/course.git"
    assert _https("ssh://git@gitlab.school.org/ana/course.git") == (
        "https://gitlab.school.org/ana/course.git"
    )
    for kept in ("https://github.com/ana/course", "file:///srv/course.git", "/srv/course.git"):
        assert _https(kept) == kept


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "01.ipynb").write_text("{}")
    git("add", "-A")
    git("commit", "-q", "-m", "course")
    git("remote", "add", "origin", "git@github.com:ana/course.git")
    return tmp_path


def test_the_command_reads_origin_and_checks_the_page_is_committed(clone, capsys):
    assert origin_url(clone) == "https://github.com/ana/course.git"
    hub = "https://hub.school.org"
    assert main(["link", "--hub", hub, "--folder", str(clone), "--open", "lessons/01.ipynb"]) == 0
    link = capsys.readouterr().out.strip()
    assert query(link)["repo"] == "https://github.com/ana/course.git"
    assert query(link)["urlpath"] == "lab/tree/course/lessons/01.ipynb"
    assert main(["link", "--hub", hub, "--folder", str(clone), "--open", "lessons/02.ipynb"]) == 1
    assert "is not in the course's last commit" in capsys.readouterr().out
    assert main(["link", "--hub", "nowhere", "--folder", str(clone)]) == 1
    assert "is not a web address" in capsys.readouterr().out


def test_a_folder_without_origin_asks_for_repo(tmp_path, capsys):
    with pytest.raises(KitError, match="has no remote 'origin'"):
        origin_url(tmp_path)
    assert main(["link", "--hub", "https://hub", "--folder", str(tmp_path)]) == 1
    assert "or give --repo" in capsys.readouterr().out
    assert (
        main(["link", "--hub", "https://hub", "--repo", "https://x/c", "--folder", str(tmp_path)])
        == 0
    )
