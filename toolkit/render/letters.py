"""A `Feedback` as strings: the printable letter, the email body, an ``.eml`` draft and the call notes.

Every function returns a string and writes nothing
(`toolkit.render.write.write_candidate_files` writes them). Templates are
``letters/<language>/letter.html``, ``letter.txt``, ``subject.txt`` and
``call-notes.html`` (see `toolkit.render.environment`); ``templates_dir``
points at a folder whose files override the packaged ones.
"""

from __future__ import annotations

import html
import re
from email import quoprimime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from ..errors import ToolkitError
from ..coerce import valid_email
from ..feedback.compose import Feedback
from .environment import render_template

_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def _template(feedback: Feedback, name: str) -> str:
    return f"letters/{feedback.language}/{name}"


def one_line(value: object) -> str:
    """Text safe for a header or a title: control characters and line breaks become single spaces."""
    return " ".join(_LINE_BREAKS.sub(" ", str(value)).split())


def render_letter_html(feedback: Feedback, *, templates_dir: str | Path | None = None) -> str:
    """The letter as a print-ready HTML page (A4 print styles, inline CSS, no external assets)."""
    return render_template(_template(feedback, "letter.html"), {"fb": feedback}, templates_dir)


def render_letter_text(feedback: Feedback, *, templates_dir: str | Path | None = None) -> str:
    """The letter as plain text: the email body (greeting, paragraphs, signature)."""
    return render_template(_template(feedback, "letter.txt"), {"fb": feedback}, templates_dir)


def render_subject(feedback: Feedback, *, templates_dir: str | Path | None = None) -> str:
    """The email subject, as one line."""
    return one_line(render_template(_template(feedback, "subject.txt"), {"fb": feedback}, templates_dir))


def render_eml(feedback: Feedback, *, templates_dir: str | Path | None = None, from_address: str | None = None,
               body: str | None = None) -> str:
    """An RFC 5322 email draft (To, Subject, X-Unsent: 1, Content-Language, UTF-8 plain-text body).

    ``X-Unsent: 1`` makes Outlook and other clients open the file as an
    unsent draft. Names lose line breaks before they reach a header; a
    missing email address gives a draft without To (the sender fills it
    in). Raises `ToolkitError` when ``feedback.email`` or ``from_address`` is
    not a single plain address (so no text can smuggle in a header).

    The text is what `email.message.EmailMessage` writes for such a draft
    (`eml_message` builds that message); it is put together from the email
    package's own header folding and quoted-printable encoding, which is
    several times faster than building the message object for every letter.
    ``body`` is the letter text if the caller has rendered it already
    (`render_letter_text` with the same arguments).
    """
    lines = []
    if feedback.email:
        local, domain = _address_parts(feedback.email, feedback.candidate_id)
        lines.append(_address_header("To", one_line(feedback.name or ""), local, domain))
    if from_address:
        local, domain = _sender_parts(from_address)
        lines.append(_address_header("From", one_line(feedback.sender_name), local, domain))
    lines.append(_header("Subject", render_subject(feedback, templates_dir=templates_dir)))
    lines.append(_header("X-Unsent", "1"))
    lines.append(_TEXT_HEADERS)
    lines.append(_header("Content-Language", feedback.language))
    lines.append("\r\n")
    if body is None:
        body = render_letter_text(feedback, templates_dir=templates_dir)
    lines.append(_quoted_printable(body))
    return "".join(lines)


def eml_message(feedback: Feedback, *, templates_dir: str | Path | None = None, from_address: str | None = None) -> EmailMessage:
    """The draft as an `email.message.EmailMessage` (what `render_eml` writes; for mail tools that take a message)."""
    msg = EmailMessage(policy=default_policy)
    if feedback.email:
        local, domain = _address_parts(feedback.email, feedback.candidate_id)
        msg["To"] = Address(display_name=one_line(feedback.name or ""), username=local, domain=domain)
    if from_address:
        local, domain = _sender_parts(from_address)
        msg["From"] = Address(display_name=one_line(feedback.sender_name), username=local, domain=domain)
    msg["Subject"] = render_subject(feedback, templates_dir=templates_dir)
    msg["X-Unsent"] = "1"
    body = render_letter_text(feedback, templates_dir=templates_dir)
    msg.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg["Content-Language"] = feedback.language  # after set_content, which clears Content-* headers
    return msg


def _address_parts(email: str, candidate_id) -> tuple[str, str]:
    address = valid_email(email)
    if address is None:
        raise ToolkitError(
            "the candidate's email address is not a single valid address",
            sheet="Candidates",
            value=email,
            allowed="one address such as anna@example.com, without a name, spaces or line breaks",
            hint=f"Fix the email of candidate {one_line(candidate_id)!r} on the Candidates sheet",
        )
    local, _, domain = address.rpartition("@")
    return local, domain


def _sender_parts(from_address: str) -> tuple[str, str]:
    sender = valid_email(from_address)
    if sender is None:
        raise ToolkitError("the sender address is not a single valid address", value=from_address,
                           allowed="one address such as hr@example.com")
    local, _, domain = sender.rpartition("@")
    return local, domain


_CRLF_POLICY = default_policy.clone(linesep="\r\n")


@lru_cache(maxsize=4096)
def _header(name: str, value: str) -> str:
    """One header line as `EmailMessage.as_string` writes it: parsed, folded, encoded where needed, CRLF at the end."""
    return default_policy.header_store_parse(name, value)[1].fold(policy=_CRLF_POLICY)


_PLAIN_PHRASE = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*")
_PLAIN_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _address_header(name: str, display_name: str, username: str, domain: str) -> str:
    """``To: Name <user@domain>`` as the email package writes it.

    A name of plain ASCII words and a plain address on a line short enough
    not to be folded are written as they are, which is what the email package
    does with them (it needs no quoting, encoding or folding); anything else
    goes through its parser and folding.
    """
    if (_PLAIN_PHRASE.fullmatch(display_name) and _PLAIN_LOCAL.fullmatch(username) and _PLAIN_DOMAIN.fullmatch(domain)
            and len(name) + len(display_name) + len(username) + len(domain) + 6 <= 76):
        return f"{name}: {display_name} <{username}@{domain}>\r\n"
    address = Address(display_name=display_name, username=username, domain=domain)
    return default_policy.header_store_parse(name, address)[1].fold(policy=_CRLF_POLICY)


# what set_content(..., subtype="plain", charset="utf-8", cte="quoted-printable") adds, in its order
_TEXT_HEADERS = "".join(_header(k, v) for k, v in (("Content-Type", 'text/plain; charset="utf-8"'),
                                                     ("Content-Transfer-Encoding", "quoted-printable"),
                                                     ("MIME-Version", "1.0")))
_NEWLINES = re.compile(r"\r\n|\r|\n")


def _quoted_printable(body: str) -> str:
    """The body as set_content encodes it (quoted-printable, lines of at most 78) and the generator writes it (CRLF)."""
    lines = body.encode("utf-8").splitlines()
    payload = quoprimime.body_encode((b"\n".join(lines) + b"\n").decode("latin-1"), default_policy.max_line_length)
    parts = _NEWLINES.split(payload)
    return "".join(p + "\r\n" for p in parts[:-1]) + parts[-1]


def _check_script_path(plotly_js: str) -> str:
    text = plotly_js.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text) or text.startswith("//") or text.startswith("/") or not text:
        raise ToolkitError(
            "plotly_js must be a relative path to the shared plotly.min.js",
            value=plotly_js,
            allowed="a relative path such as ../../../assets/plotly.min.js (no URL, no CDN, no absolute path)",
            hint="Copy plotly.min.js into the report's assets folder and point to it relative to the call notes",
        )
    return text


def render_call_notes_html(
    feedback: Feedback,
    figure_html: str | None = None,
    *,
    plotly_js: str | None = None,
    templates_dir: str | Path | None = None,
    figure_table: dict | None = None,
) -> str:
    """Internal call notes: facts, talking points in order, the candidate's own chart, phrases to avoid, follow-up.

    ``figure_table`` (`render.figures.ProfileDivs.table`) is the chart in numbers, shown under it: what a screen
    reader, a keyboard or a printout get of the chart, the reasons for thin evidence included.

    ``figure_html`` is the candidate's chart as a div (see `figure_div`;
    it is embedded as is). With a figure, ``plotly_js`` is required: the
    relative path of one shared ``plotly.min.js`` (e.g.
    ``../../../assets/plotly.min.js``); URLs are refused, so the page never
    loads a CDN.
    """
    script = None
    if figure_html:
        if plotly_js is None:
            raise ToolkitError(
                "call notes with a chart need plotly_js",
                hint="Pass plotly_js='../../../assets/plotly.min.js' (relative to the call notes file), or leave the chart out",
            )
        script = _check_script_path(plotly_js)
    context = {"fb": feedback, "figure_html": Markup(figure_html) if figure_html else None, "plotly_js": script,
               "figure_table": figure_table}
    return render_template(_template(feedback, "call-notes.html"), context, templates_dir)


def figure_div(fig, *, div_id: str = "candidate-profile") -> str:
    """A plotly figure as an HTML div for the call notes (no plotly.js inside; a fixed id keeps files reproducible)."""
    from .pages import PLOTLY_CONFIG

    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOTLY_CONFIG)


def preview_html(page: str, *, height: int = 900) -> str:
    """A whole HTML page wrapped in an ``<iframe srcdoc>`` so a notebook shows it without its styles leaking into the notebook."""
    return (
        f'<div class="debrief-preview"><iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
        'border:1px solid #ddd;background:#fff" sandbox="allow-scripts"></iframe></div>'
    )


__all__ = [
    "figure_div",
    "one_line",
    "preview_html",
    "render_call_notes_html",
    "eml_message",
    "render_eml",
    "render_letter_html",
    "render_letter_text",
    "render_subject",
]
