"""Work done on the second core: a forked process computes a value while this one goes on.

The result is always what calling the function here would give: the child inherits every object
as it is (nothing is sent to it), sends back only the value, and when it cannot (no fork, a
crash, a value that cannot be pickled) the function simply runs here. A host with threads of its
own (MkDocs serving and watching files) passes fork=False, since forking a threaded process can
hang.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Aside(Generic[T]):
    """A value being made in a forked process, or to be made here on demand."""

    def __init__(self, make: Callable[[], T], fork: bool) -> None:
        self._make = make
        self._done = False
        self._value: T
        self._receive: multiprocessing.connection.Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if fork:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_send, args=(make, send), daemon=True)
            try:
                self._process.start()
            except OSError:  # no fork here (too many processes, no memory): make it here
                self._receive, self._process = None, None
            send.close()

    def result(self) -> T:
        """The value (made once; later calls return it again); an exception the function
        raised in the child is raised here."""
        if not self._done:
            self._value, self._done = self._result(), True
        return self._value

    def _result(self) -> T:
        if self._receive is None or self._process is None:
            return self._make()
        try:
            outcome, value = self._receive.recv()
        except (EOFError, OSError):  # the child died before it could send
            outcome, value = _AGAIN, None
        finally:
            self._receive.close()
            self._process.join()
        if outcome == _RAISED:
            raise value
        return self._make() if outcome == _AGAIN else value


#: What the child sends: the value, an exception to raise, or a request to make it here.
_MADE, _RAISED, _AGAIN = "made", "raised", "again"


def _send(make: Callable[[], object], send: multiprocessing.connection.Connection) -> None:
    try:
        value = make()
    except Exception as exc:  # the caller raises it, as if make() had run there
        try:
            send.send((_RAISED, exc))
        except Exception:  # an exception that cannot be pickled: its words, at least
            send.send((_RAISED, RuntimeError(repr(exc))))
    else:
        try:
            send.send((_MADE, value))
        except Exception:  # a value that cannot be pickled (nothing was written)
            send.send((_AGAIN, None))
    finally:
        send.close()
