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
