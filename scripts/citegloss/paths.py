"""Paths as users type them, for findings: relative to the working folder when below it."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`glossary/x.yaml` rather than `/home/me/project/glossary/x.yaml`; absolute when outside."""
    try:
        return str(path.resolve().relative_to((cwd or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
