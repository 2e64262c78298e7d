"""Writing rendered strings to disk: atomic, and never outside the folder asked for."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from ..errors import OutputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}

CANDIDATE_FILES = {
    "letter_html": "letter.html",
    "letter_text": "letter.txt",
    "eml": "draft.eml",
    "call_notes": "call-notes.html",
}
"""What `write_candidate_files` writes into the candidate's folder."""


def safe_name(text: object, *, max_length: int = 64) -> str:
    """A file or folder name made from an id: letters, digits, ``.``, ``_`` and ``-`` only.

    ``"B05"`` stays ``"B05"``. Anything else is replaced, leading dots are
    removed (no ``..``, no hidden files) and a short hash of the original is
    appended, so ``"../../x"`` becomes ``"x-<hash>"`` and two ids that
    differ only in unsafe characters never share a name.
    """
    original = str(text)
    cleaned = re.sub(r"\.{2,}", ".", _UNSAFE.sub("-", original)).strip(".-")[:max_length]
    if cleaned and cleaned == original and cleaned.casefold() not in _WINDOWS_RESERVED:
        return cleaned
    digest = hashlib.sha1(original.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned}-{digest}" if cleaned else f"id-{digest}"


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and `os.replace`.

    A reader never sees a half-written file; on failure the old file (if
    any) is left as it was. Text is written as UTF-8 exactly as given (no
    newline translation). Raises `OutputError`.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as err:
        raise OutputError("cannot write the file", file=str(path), value=err.strerror or str(err),
                          hint="Check that the folder exists, is writable and is not open in another program") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return path


def write_candidate_files(
    feedback,
    folder: str | Path,
    *,
    figure_html: str | None = None,
    plotly_js: str | None = None,
    templates_dir: str | Path | None = None,
    from_address: str | None = None,
) -> dict[str, Path]:
    """Write one candidate's letter (HTML and text), ``.eml`` draft and call notes.

    Files go to ``folder/<candidate id made safe>/`` (`safe_name`), named as
    in `CANDIDATE_FILES`; each is written atomically. ``figure_html`` and
    ``plotly_js`` are passed to `render_call_notes_html` (``plotly_js``
    relative to the call notes file: with the default layout
    ``<out>/<round>/letters/<id>/call-notes.html`` that is
    ``../../../assets/plotly.min.js``). Returns ``{kind: path}``. Raises
    `OutputError` if a file cannot be written.
    """
    from .letters import render_call_notes_html, render_eml, render_letter_html, render_letter_text

    root = Path(folder).resolve()
    target = (root / safe_name(feedback.candidate_id)).resolve()
    if target.parent != root:  # cannot happen with safe_name; a guard against future changes
        raise OutputError("candidate folder would leave the output folder", file=str(target), value=feedback.candidate_id)
    contents = {
        "letter_html": render_letter_html(feedback, templates_dir=templates_dir),
        "letter_text": render_letter_text(feedback, templates_dir=templates_dir),
        "eml": render_eml(feedback, templates_dir=templates_dir, from_address=from_address),
        "call_notes": render_call_notes_html(feedback, figure_html, plotly_js=plotly_js, templates_dir=templates_dir),
    }
    return {kind: write_atomic(target / CANDIDATE_FILES[kind], text) for kind, text in contents.items()}


# ---------------------------------------------------------------------------
# many files at once, written by another process


_TREE_WRITER = r'''
import os, queue, signal, struct, sys, threading
signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
root, n_threads, parent = sys.argv[1], int(sys.argv[2]), os.getppid()
source, failed = sys.stdin.buffer, []
FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
queues = [queue.Queue(maxsize=16) for _ in range(n_threads)]

def write(work):
    while (job := work.get()) is not None:
        if failed:
            continue
        if os.getppid() != parent:  # the parent died: its staging folder is being removed
            os._exit(3)
        folder, files = job
        where = folder
        try:
            target = os.path.join(root, folder) if folder else root
            os.makedirs(target, exist_ok=True)
            for name, data in files:
                where = os.path.join(folder, name)
                fd = os.open(os.path.join(target, name), FLAGS, 0o666)
                try:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view):]
                finally:
                    os.close(fd)
        except OSError as exc:
            failed.append(f"{exc.strerror or exc}: {where}")

def exactly(n):
    data = source.read(n)
    if len(data) != n:  # cut short: the parent died
        os._exit(3)
    return data

threads = [threading.Thread(target=write, args=(q,), daemon=True) for q in queues]
for t in threads:
    t.start()
while not failed:
    head = source.read(8)
    if not head:
        break
    if len(head) != 8:
        os._exit(3)
    folder_len, count = struct.unpack(">II", head)
    folder = exactly(folder_len).decode("utf-8")
    files = []
    for _ in range(count):
        name_len, size = struct.unpack(">IQ", exactly(12))
        files.append((exactly(name_len).decode("utf-8"), exactly(size)))
    queues[hash(folder) % n_threads].put((folder, files))  # one folder, one thread: its files in the order given
for q in queues:
    q.put(None)
for t in threads:
    t.join()
if failed:
    sys.stderr.write(failed[0])
    sys.exit(1)
'''


class TreeWriter:
    """Creates files under the folder `root` in a separate process, while this one goes on computing.

    ``add(folder, [(name, bytes), ...])`` hands one folder's files over and
    returns at once; `close` waits until every file is written and raises
    `OSError` (naming the file) if one could not be. `abort` stops the writer
    and waits for it, so nothing writes into `root` afterwards.

    Why a process: a report is thousands of small files, and creating a file
    costs a system call that, on a busy local disk or a network share, takes
    longer than rendering the file. A thread that creates files gets the GIL
    back only every few milliseconds while another thread renders, so it
    would hardly overlap; the writer process has its own interpreter and
    `threads` threads of its own. The bytes travel through a pipe that a
    thread here keeps full (one GIL hand-over per megabyte, not per file), so
    the writer never waits for this process while it renders pages, nor this
    process for a slow disk. Where that is not available (no ``os.writev``,
    as on Windows, or no Python executable to start), the files are written
    here, at once.

    `folder` and the names are relative paths the caller has checked (no
    ``..``, not absolute): the writer only joins them to `root`.
    """

    def __init__(self, root: str | Path, *, threads: int = 2):
        import collections
        import subprocess
        import sys
        import threading

        self.root = str(root)
        self._proc = None
        if not hasattr(os, "writev") or not sys.executable:
            return
        try:
            self._proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _TREE_WRITER, self.root, str(max(1, threads))],
                                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError:
            return
        self._fd = self._proc.stdin.fileno()
        try:
            import fcntl

            fcntl.fcntl(self._fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)  # fewer hand-overs; 64 KB otherwise
        except OSError:
            pass
        self._chunks: collections.deque = collections.deque()  # buffers not yet in the pipe, oldest first
        self._more = threading.Event()
        self._closing = False
        self._broken = False
        self._feeder = threading.Thread(target=self._feed, name="report-writer-feed", daemon=True)
        self._feeder.start()

    def add(self, folder: str, files: list[tuple[str, bytes]]) -> None:
        if self._proc is None:
            target = os.path.join(self.root, folder) if folder else self.root
            os.makedirs(target, exist_ok=True)
            for name, data in files:
                Path(target, name).write_bytes(data)
            return
        import struct

        folder_bytes = folder.encode("utf-8")
        chunks = [struct.pack(">II", len(folder_bytes), len(files)) + folder_bytes]
        for name, data in files:
            name_bytes = name.encode("utf-8")
            chunks.append(struct.pack(">IQ", len(name_bytes), len(data)) + name_bytes)
            chunks.append(data)
        self._chunks.extend(chunks)  # one record at a time: only this thread adds
        self._more.set()

    def _feed(self) -> None:
        """The feeding thread: moves queued buffers into the pipe, a megabyte at a time, blocking while it is full."""
        chunks = self._chunks
        while True:
            if not chunks:
                if self._closing:
                    return
                self._more.wait()
                self._more.clear()
                continue
            batch, size = [], 0
            while chunks and len(batch) < 512 and size < 1 << 20:
                batch.append(chunks.popleft())
                size += len(batch[-1])
            try:
                while batch:
                    n = os.writev(self._fd, batch)
                    while batch and n >= len(batch[0]):
                        n -= len(batch.pop(0))
                    if n:
                        batch[0] = memoryview(batch[0])[n:]
            except OSError:  # the writer has stopped (a failed write, or abort): close() says why
                self._broken = True
                chunks.clear()
                return

    def _stop_feeding(self) -> None:
        self._closing = True
        self._more.set()
        self._feeder.join()

    def close(self) -> None:
        """Wait until every file is written; `OSError` if one could not be."""
        if self._proc is None:
            return
        self._stop_feeding()
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            pass
        message = self._proc.stderr.read().decode("utf-8", "replace").strip()
        code = self._proc.wait()
        self._proc.stderr.close()
        if code != 0 or self._broken:
            raise OSError(message or f"the file writer stopped (exit code {code})")

    def abort(self) -> None:
        """Stop writing at once and wait until the writer has stopped."""
        if self._proc is None:
            return
        self._chunks.clear()
        self._proc.kill()  # a feeder blocked on the full pipe gets an error and ends
        self._stop_feeding()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
