"""The nbgitpuller link that hands a course out to a class on a JupyterHub.

A student who clicks it logs in to the hub; nbgitpuller then clones the teacher's repository
into a folder of the student's home (first click) or pulls the teacher's changes into it
(every later click, see :mod:`rustbone_kit.course_sync` for what a pull keeps), and opens the
file the link names in JupyterLab. ``rustbone-kit link`` prints it.

>>> nbgitpuller_link("https://hub.example.org/", "https://github.com/ana/course.git",
...                  branch="main", open="lessons/03_side_by_side.ipynb")
... # doctest: +NORMALIZE_WHITESPACE
'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fana%2Fcourse.git&branch=main&targetpath=course&urlpath=lab%2Ftree%2Fcourse%2Flessons%2F03_side_by_side.ipynb'
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .errors import ArgumentError, KitError

__all__ = ["nbgitpuller_link", "origin_url"]


def origin_url(folder: str | Path = ".") -> str:
    """The address of the clone's ``origin``, as students' servers can fetch it: an SSH
    address (``git@host:owner/repo.git``) becomes its https form, since a student's server
    has no SSH key.

    >>> _https("git@github.com:ana/course.git")
    'https://github.com/ana/course.git'
    """
    try:
        done = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=Path(folder),
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise KitError(f"cannot run git: {error}", path=Path(folder)) from error
    url = done.stdout.strip() if done.returncode == 0 else ""
    if not url:
        raise KitError(
            "has no remote 'origin'",
            path=Path(folder).resolve(),
            fix="push the course to a public repository and add it as origin, or give --repo",
        )
    return _https(url)


def _https(url: str) -> str:
    scp = re.fullmatch(r"(?:[\w.-]+@)?([\w.-]+):(?!//)(.+)", url)
    if scp and "://" not in url:
        return f"https://{scp[1]}/{scp[2]}"
    if url.startswith("ssh://"):
        parts = urlsplit(url)
        return f"https://{parts.hostname}{parts.path}"
    return url


def nbgitpuller_link(
    hub: str,
    repo: str,
    *,
    branch: str | None = None,
    open: str | None = None,
    target: str | None = None,
    app: str = "lab",
) -> str:
    """The nbgitpuller link that clones (first click) or pulls (later clicks) ``repo`` into
    the folder ``target`` (the repository's name by default) of each student's home on
    ``hub``, then opens ``open`` (a file or folder of the repository) in JupyterLab."""
    parts = urlsplit(hub.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ArgumentError(f"hub {hub!r} is not a web address, e.g. 'https://hub.school.org'")
    if not repo:
        raise ArgumentError("no repository address: give --repo or set the clone's origin")
    base = hub.strip().rstrip("/").removesuffix("/hub")
    name = target or repo.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
    if not name or "/" in name or name in {".", ".."}:
        raise ArgumentError(f"target {name!r} cannot name a folder: give --target NAME")
    query = {"repo": repo}
    if branch:
        query["branch"] = branch
    query["targetpath"] = name
    path = "/".join(p for p in (name, (open or "").strip("/")) if p)
    query["urlpath"] = f"{app}/tree/{path}" if app == "lab" else f"tree/{path}"
    return f"{base}/hub/user-redirect/git-pull?{urlencode(query)}"
