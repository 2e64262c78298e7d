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
    longer than rendering the file. A thread would write only when it gets the
    GIL back from the thread that renders (every few milliseconds), so it
    would hardly overlap; the writer process has its own interpreter and
    `threads` threads of its own. The bytes travel through a pipe this process
    fills without blocking (`os.writev`), so a slow disk never stalls the
    rendering. Where that is not available (Windows, or no Python executable
    to start), the files are written here, at once.

    `folder` and the names are relative paths the caller has checked (no
    ``..``, not absolute): the writer only joins them to `root`.
    """

    def __init__(self, root: str | Path, *, threads: int = 2):
        import subprocess
        import sys

        self.root = str(root)
        self._queue: list = []  # buffers not yet in the pipe, oldest first
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

            fcntl.fcntl(self._fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)  # fewer round trips; 64 KB otherwise
        except OSError:
            pass
        os.set_blocking(self._fd, False)
        self._broken = False

    def add(self, folder: str, files: list[tuple[str, bytes]]) -> None:
        if self._proc is None:
            target = os.path.join(self.root, folder) if folder else self.root
            os.makedirs(target, exist_ok=True)
            for name, data in files:
                Path(target, name).write_bytes(data)
            return
        import struct

        folder_bytes = folder.encode("utf-8")
        self._queue.append(struct.pack(">II", len(folder_bytes), len(files)) + folder_bytes)
        for name, data in files:
            name_bytes = name.encode("utf-8")
            self._queue.append(struct.pack(">IQ", len(name_bytes), len(data)) + name_bytes)
            self._queue.append(data)
        self._pump()

    def _pump(self) -> bool:
        """Put queued buffers into the pipe until it is full; True when the queue is empty."""
        queue = self._queue
        while queue and not self._broken:
            batch = queue[:512]
            try:
                n = os.writev(self._fd, batch)
            except BlockingIOError:
                return False
            except BrokenPipeError:  # the writer has stopped: close() says why
                self._broken = True
                break
            done = 0
            while done < len(batch) and n >= len(batch[done]):
                n -= len(batch[done])
                done += 1
            if done < len(batch) and n:
                batch[done] = memoryview(batch[done])[n:]
            queue[:done] = []
            if done < len(batch):
                queue[0] = batch[done]
                return False
        return not queue

    def close(self) -> None:
        """Wait until every file is written; `OSError` if one could not be."""
        if self._proc is None:
            return
        import select

        while not self._pump() and not self._broken:
            select.select([], [self._fd], [])
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
        self._queue.clear()
        self._proc.kill()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stderr):
            try:
                stream.close()
            except OSError:
                pass
