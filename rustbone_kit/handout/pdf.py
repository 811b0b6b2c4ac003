"""A hand-out printed to PDF by headless Chromium (the browser the kit's browser tests use).

The page loads nothing, so Chromium prints it offline. Where no Chromium is installed the
error says how to get one, and that any browser's Print > Save as PDF does the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..atomic import write_atomic
from ..errors import KitError

__all__ = ["CHROMIUM_NAMES", "INSTALL_HINT", "find_chromium", "print_pdf"]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "install Chromium (Debian or Ubuntu: sudo apt-get install chromium; elsewhere from your "
    "package manager), or open the HTML page in any browser and use Print > Save as PDF"
)


def find_chromium() -> str | None:
    """The Chromium to print with: ``/usr/bin/chromium``, else one on ``PATH``, else None."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(
    page: str | Path, out: str | Path, *, chromium: str | None = None, timeout: int = 120
) -> Path:
    """Print the HTML file ``page`` to the PDF ``out`` with headless Chromium; return ``out``."""
    page, out = Path(page).resolve(), Path(out)
    executable = chromium or find_chromium()
    if executable is None:
        raise KitError("no Chromium to print the PDF with", fix=INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="rustbone-pdf-") as scratch:
        target = Path(scratch) / "page.pdf"
        args = [
            executable,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(scratch) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to start as root without it
        try:
            done = subprocess.run(
                args, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise KitError(
                f"Chromium could not print {page.name} ({error})", fix=INSTALL_HINT
            ) from error
        if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise KitError(
                f"Chromium did not print {page.name} (exit {done.returncode}): " + " / ".join(tail),
                fix="open the HTML page in a browser and use Print > Save as PDF",
            )
        return write_atomic(out, target.read_bytes(), backups=0)
