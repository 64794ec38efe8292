"""Headless Chromium: the report's PDF path, and screenshots of the page.

The PDF is Chromium's own ``--print-to-pdf`` of the HTML report, so the PDF and
the page look the same. Chromium is found as ``$FECSCREEN_CHROMIUM`` or the
first of ``chromium``, ``chromium-browser``, ``google-chrome`` and
``google-chrome-stable`` on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from fecscreen.errors import ConfigError, FecscreenError

ENV_CHROMIUM = "FECSCREEN_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags for a quiet, offline, throw-away browser.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
TIMEOUT_S = 120


def find_chromium() -> str:
    """The Chromium executable, or a ConfigError that says how to install one."""
    configured = os.environ.get(ENV_CHROMIUM)
    if configured:
        path = shutil.which(configured)
        if path:
            return path
        raise ConfigError(
            f"${ENV_CHROMIUM} names {configured!r}, which is not an executable",
            where=ENV_CHROMIUM,
            hint="point it at a Chromium or Chrome binary, or unset it",
        )
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise ConfigError(
        "PDF output needs headless Chromium, and none was found on the PATH",
        where="--format pdf",
        hint="install it (Debian/Ubuntu: sudo apt-get install chromium), set "
        f"${ENV_CHROMIUM} to its path, or write --format html and print that from a browser",
    )


def _run(args: list[str], out: Path, what: str) -> Path:
    exe = find_chromium()
    with tempfile.TemporaryDirectory(prefix="fecscreen-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise FecscreenError(f"Chromium did not finish the {what} within {TIMEOUT_S} s",
                                 where=exe) from exc
    if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-3:]
        raise FecscreenError(
            f"Chromium could not write the {what} (exit {proc.returncode}): " + " | ".join(tail),
            where=str(out),
            hint="check that the output folder is writable and Chromium starts: "
            f"{exe} --headless --no-sandbox --version",
        )
    return out


def html_to_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike) -> Path:
    """Print an HTML file to PDF with headless Chromium (no header or footer lines)."""
    src, out = Path(html_path).resolve(), Path(pdf_path).resolve()
    if out.exists():
        out.unlink()
    return _run(["--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()], out, "PDF")


def screenshot(html_path: str | os.PathLike, png_path: str | os.PathLike, *,
               width: int = 1280, height: int = 2000) -> Path:
    """A PNG of the page's first ``height`` pixels at a window ``width`` wide."""
    src, out = Path(html_path).resolve(), Path(png_path).resolve()
    if out.exists():
        out.unlink()
    return _run([f"--screenshot={out}", f"--window-size={width},{height}", src.as_uri()],
                out, "screenshot")


def dump_dom(html_path: str | os.PathLike) -> str:
    """The page's DOM as Chromium parsed and laid it out, serialised as HTML."""
    exe = find_chromium()
    src = Path(html_path).resolve()
    with tempfile.TemporaryDirectory(prefix="fecscreen-chromium-") as profile:
        proc = subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", src.as_uri()],
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if proc.returncode != 0 or "<html" not in proc.stdout:
        raise FecscreenError(f"Chromium could not load the page (exit {proc.returncode})",
                             where=str(src))
    return proc.stdout


__all__ = ["find_chromium", "html_to_pdf", "screenshot", "dump_dom", "ENV_CHROMIUM"]
