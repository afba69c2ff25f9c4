"""Run a citegloss command on hostile input in a subprocess with a memory cap, and measure it.

The regression corpus for hostile input (tests/test_hostile_*.py) asserts what a user sees (exit
code, finding code, file named, no traceback) and that the run stayed inside its memory cap. Time is
measured and kept (see `RUNS`) for the benchmark that prints it (benchmarks/hostile_bench.py); it is
asserted only against a generous ceiling that catches a hang, never a tight target.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: The memory cap of the issue: every hostile input answers within 500 MB.
MEMORY_CAP = 500 * 1024 * 1024
#: A run past this many seconds is a hang, whatever the machine's load (the target is 5 s).
HANG_SECONDS = 60


@dataclass(frozen=True)
class BoundedRun:
    """What one bounded run did."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_bytes: int

    #: The test that made the run (pytest's node id), for the benchmark's classes.
    test: str = ""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def assert_clean_failure(self, code: str, file: str, exit_code: int = 1) -> None:
        """Exit code, finding code and file are as expected, and nothing leaked a traceback."""
        assert "Traceback" not in self.output, self.output[-3000:]
        assert "internal error" not in self.output, self.output[-3000:]
        assert self.returncode == exit_code, (self.returncode, self.output[-3000:])
        assert code in self.output, self.output[-3000:]
        assert file in self.output, self.output[-3000:]


#: Every bounded run of this test session, for reports.
RUNS: list[BoundedRun] = []


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


#: prctl(2) option and the capabilities that let root read and enter any file or folder.
_PR_CAPBSET_DROP, _CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 24, 1, 2


def _limit_memory_unprivileged() -> None:
    """The cap, and (as root) no power to read unreadable files, as any contributor would run."""
    _limit_memory()
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_bounded(
    args: Sequence[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    unprivileged: bool = False,
) -> BoundedRun:
    """`python -m citegloss ARGS` in `cwd` under the memory cap; a hang fails the test.

    The child is reaped with `os.wait4`, so the peak memory is that child's own. `unprivileged`
    runs it, when the tests run as root, without root's power to read files whatever their mode.
    """
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "citegloss", *args],
            cwd=cwd,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=full_env,
            preexec_fn=_limit_memory_unprivileged if unprivileged else _limit_memory,
        )
        if stdin is not None and child.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                child.stdin.write(stdin.encode())
            child.stdin.close()
        timer = threading.Timer(HANG_SECONDS, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        run = BoundedRun(
            tuple(args),
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss * 1024,
            os.environ.get("PYTEST_CURRENT_TEST", "").removesuffix(" (call)"),
        )
    RUNS.append(run)
    if seconds >= HANG_SECONDS:
        raise AssertionError(f"citegloss {' '.join(args)} hung for {HANG_SECONDS} s")
    return run
