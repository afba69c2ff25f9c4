"""Paths as users type them, for findings; and the one way citegloss writes a user's file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`glossary/x.yaml` rather than `/home/me/project/glossary/x.yaml`; absolute when outside."""
    try:
        return str(path.resolve().relative_to((cwd or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


def yaml_files(folder: Path) -> list[Path]:
    """The *.yaml and *.yml entries directly in a folder, anything but a folder: a broken link
    or a pipe so named is a file the user meant, to report (`why_not_a_file`), not to skip."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir())


def kind_of(path: Path) -> str:
    """What is at a path, in a user's words: "a file", "a folder", "a named pipe (FIFO)", a
    symbolic link that loops or leads nowhere; "" when nothing is there. Never opens the path,
    so a pipe cannot block."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink() and exc.errno == errno.ELOOP:
            return "a symbolic link that loops"
        if path.is_symlink() and exc.errno == errno.ENOENT:
            return f"a symbolic link to '{os.readlink(path)}', which does not exist"
        return "" if exc.errno == errno.ENOENT else f"out of reach ({exc.strerror})"
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    return "a socket" if stat.S_ISSOCK(mode) else "a device"


def why_not_a_file(path: Path) -> str:
    """Why `path` is not read as a file ("" when it can be tried): a dangling or looping
    symbolic link, one that leads out of the folder above its own (`glossary/x.yaml` out of
    the project: a pull request could otherwise publish any file of the machine that builds
    it), or something that is not a regular file (reading a pipe would block)."""
    kind = kind_of(path)
    if not kind or kind.startswith("out of reach"):
        return ""  # the reader reports it with the system's words
    if kind.startswith("a symbolic link"):
        return f"it is {kind}"
    if path.is_symlink():
        base = path.absolute().parent.parent.resolve()
        if not path.resolve().is_relative_to(base):
            return f"it is a symbolic link to '{os.readlink(path)}', which leads out of '{base}'"
    return "" if kind in ("a file", "a folder") else f"it is {kind}, not a regular file"


class UnsafeWrite(Exception):
    """A write citegloss refuses, with the message to show."""


def refuse_symlinks(path: Path) -> None:
    """UnsafeWrite when a part of `path` as written is a symbolic link: each folder of a
    relative path and the file itself; of an absolute path, the file (the system's own links
    above a project are not the glossary's business)."""
    parts = path.parts
    steps = [path] if path.is_absolute() else [Path(*parts[:i]) for i in range(1, len(parts) + 1)]
    link = next((step for step in steps if step.is_symlink()), None)
    if link is not None:
        raise UnsafeWrite(
            f"'{link}' is a symbolic link; citegloss does not write through one: "
            "remove the link, or write elsewhere with -o OUT"
        )


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write `path` whole or not at all, never through a symbolic link.

    A glossary comes from pull requests: a file or folder in it may be a link to anywhere, so
    a link on the way is refused. The text goes to a temporary file beside `path`, which then
    takes its place (`os.replace`, keeping an overwritten file's permissions), or, without
    `overwrite`, is linked in only if `path` still does not exist (FileExistsError otherwise).
    """
    refuse_symlinks(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if overwrite and path.is_file() else _default_mode()
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
