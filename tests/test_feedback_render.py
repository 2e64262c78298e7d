"""Letters as HTML, text, .eml drafts and call notes; user templates; files on disk."""

from __future__ import annotations

import dataclasses
import email.policy
import json
from email.parser import BytesParser
from pathlib import Path

import pytest

from test_feedback_rounds import make_round
from toolkit.errors import TemplateError, ToolkitError
from toolkit.feedback import compose
from toolkit.render.letters import (
    figure_div,
    preview_html,
    render_call_notes_html,
    render_eml,
    render_letter_html,
    render_letter_text,
    render_subject,
)
from toolkit.render.write import safe_name, write_candidate_files

AS_OF = "2026-03-20"
XSS = "<script>alert(1)</script>"


def parse(eml: str):
    return BytesParser(policy=email.policy.default).parsebytes(eml.encode("utf-8"))


@pytest.fixture(scope="module")
def runner_up_de():
    return compose(make_round("de"), "R", as_of=AS_OF)


def test_html_letter_is_a_print_ready_a4_page_with_everything_inline(runner_up_de):
    page = render_letter_html(runner_up_de)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    assert "@page { size: A4;" in page and "@media print" in page
    assert "<link" not in page and "src=" not in page and "http" not in page  # no external assets
    for paragraph in runner_up_de.paragraphs:
        assert f"<p>{paragraph}</p>" in page
    assert "20. März 2026" in page and "Mit freundlichen Grüßen<br>Sam Keller<br>Leitung Marketing<br>Nordwind GmbH" in page


@pytest.mark.parametrize("language, mark", [("en", "DRAFT – no decision yet, do not send"),
                                            ("de", "ENTWURF – noch keine Entscheidung, nicht versenden"),
                                            ("sv", "UTKAST – inget beslut ännu, skicka inte")])
def test_a_letter_for_a_candidate_still_pending_says_draft_wherever_it_could_be_sent_from(language, mark):
    """Drafting letters before the committee has decided is allowed (compose_round(statuses=...)), but a draft must not go
    out unnoticed: the mark heads the printed letter and the email body and opens the subject, in the letter's language."""
    pending = compose(make_round(language, candidates={"R": {"status": "pending"}}), "R", as_of=AS_OF)
    rejected = compose(make_round(language), "R", as_of=AS_OF)
    assert pending.draft_mark == mark and rejected.draft_mark is None
    assert render_subject(pending) == f"[{mark}] {render_subject(rejected)}"
    assert render_letter_text(pending).startswith(f"*** {mark} ***\n\n{pending.greeting}")
    assert f'<p class="draft-mark" role="alert">{mark}</p>' in render_letter_html(pending)
    message = parse(render_eml(pending))
    assert message["Subject"].startswith(f"[{mark}]") and message.get_content().startswith(f"*** {mark} ***")
    for text in (render_subject(rejected), render_letter_text(rejected), render_letter_html(rejected)):
        assert mark not in text and "class=\"draft-mark\"" not in text


def test_text_letter_is_the_email_body(runner_up_de):
    text = render_letter_text(runner_up_de)
    assert text == runner_up_de.text
    assert text.startswith("Guten Tag Rafael Reyes,\n\nvielen Dank für Ihr Interesse an unserer Stelle als Kampagnenmanager:in und")


def test_a_script_in_a_name_is_escaped_in_html_and_left_as_text_in_the_email():
    rnd = make_round("en", candidates={"W": {"name": XSS}}, role={"company": "A & B <Ltd>"})
    fb = compose(rnd, "W", as_of=AS_OF)
    for page in (render_letter_html(fb), render_call_notes_html(fb)):
        assert XSS not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "A &amp; B &lt;Ltd&gt;" in page
    assert XSS in render_letter_text(fb)
    msg = parse(render_eml(fb))
    assert msg["To"].addresses[0].display_name == XSS and msg["To"].addresses[0].addr_spec == "w@example.com"


@pytest.mark.parametrize("lang,subject", [
    ("en", "Your application for the Campaign Manager role"),
    ("de", "Ihre Bewerbung als Kampagnenmanager:in"),
    ("sv", "Din ansökan till tjänsten som kampanjansvarig"),
])
def test_eml_is_an_unsent_draft_with_recipient_subject_language_and_utf8_body(lang, subject):
    fb = compose(make_round(lang), "R", as_of=AS_OF)
    raw = render_eml(fb)
    assert raw.isascii()  # quoted-printable body, encoded words in headers: safe for any mail system
    msg = parse(raw)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == subject == render_subject(fb)
    assert msg["Content-Language"] == lang
    assert msg["To"].addresses[0].addr_spec == "r@example.com" and msg["To"].addresses[0].display_name == "Rafael Reyes"
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
    assert msg.get_content() == render_letter_text(fb).replace("\n", "\r\n") or msg.get_content() == render_letter_text(fb)
    assert msg["From"] is None and msg["Bcc"] is None


def test_a_line_break_in_a_name_or_email_cannot_add_headers():
    rnd = make_round("en", candidates={
        "W": {"name": "Wanda\r\nBcc: evil@example.com", "email": "w@example.com"},
        "T": {"email": "t@example.com\nBcc: evil@example.com"},
    })
    for cid in ("W", "T"):
        fb = compose(rnd, cid, as_of=AS_OF)
        msg = parse(render_eml(fb))
        assert msg["Bcc"] is None
        assert sorted(k.lower() for k in msg.keys()) == sorted(
            k for k in ["to", "subject", "x-unsent", "content-type", "content-transfer-encoding", "mime-version", "content-language"]
            if k != "to" or fb.email
        )
    assert compose(rnd, "T", as_of=AS_OF).email is None  # dropped, with a note
    # a Feedback built by hand with a smuggled header is refused, not written
    bad = dataclasses.replace(compose(rnd, "W", as_of=AS_OF), email="w@example.com\nBcc: evil@example.com")
    with pytest.raises(ToolkitError, match="not a single valid address"):
        render_eml(bad)
    with pytest.raises(ToolkitError, match="sender address"):
        render_eml(compose(rnd, "W", as_of=AS_OF), from_address="hr@example.com\nBcc: evil@example.com")


@pytest.mark.parametrize("name", ["Ava Brown", "Ann 3", "A" * 30 + " " + "B" * 14, "A" * 30 + " " + "B" * 15, "A" * 30 + " " + "B" * 16,
                                  "A" * 80, "Ann  Lee", "Ann-Lee", "Dr. Ann Lee", "Ann Lee Jr", "Ann_Lee", "Åsa Lee"])
@pytest.mark.parametrize("email", ["ava.brown+C0001@example.com", "a_b-c@mail.example.co.uk", "ava@localhost.x",
                                   "a..b@example.com", "ava!x@example.com", "ava%x@example.com", "AVA@EXAMPLE.COM"])
def test_the_to_header_is_what_the_email_package_writes_for_plain_and_odd_names(name, email):
    """Plain ASCII names on short lines are written directly; the result must be the email package's in every case."""
    from email.policy import default

    from toolkit.render.letters import eml_message

    fb = dataclasses.replace(compose(make_round("en"), "R", as_of=AS_OF), name=name, email=email)
    assert render_eml(fb) == eml_message(fb).as_string(policy=default.clone(linesep="\r\n"))
    text = render_letter_text(fb)
    assert render_eml(fb, body=text) == render_eml(fb)


def test_call_notes_show_the_points_in_order_the_chart_by_a_relative_script_and_what_was_promised():
    from toolkit.charts import candidate_profile

    rnd = make_round("sv")
    fb = compose(rnd, "R", as_of=AS_OF)
    div = figure_div(candidate_profile(rnd, "R", language=fb.language, show_selected=False))
    page = render_call_notes_html(fb, div, plotly_js="../../../assets/plotly.min.js")
    assert page.count("<script src=") == 1 and '<script src="../../../assets/plotly.min.js"></script>' in page
    assert "cdn" not in page.lower() and 'id="candidate-profile"' in page
    positions = [page.index(f"<li>{p}</li>") for p in fb.talking_points]
    assert positions == sorted(positions)
    assert "Hör av dig igen senast den 1 juni 2026, som vi lovade i brevet." in page
    # the chart (JSON in the page) speaks Swedish and leaves the selected candidate out
    assert json.dumps("Median för alla sökande") in page and "Vald kandidat" not in page and "Selected candidate" not in page
    assert "Internt – inte till kandidaten" in page
    assert all(other not in page for other in ("Hanna Hirsch", "Tove Tapper", "Nils Norberg", "Wanda Wolf", "Xenia Xu"))
    with pytest.raises(ToolkitError, match="relative path"):
        render_call_notes_html(fb, div, plotly_js="https://cdn.plot.ly/plotly-2.min.js")
    with pytest.raises(ToolkitError, match="need plotly_js"):
        render_call_notes_html(fb, div)
    assert "<script" not in render_call_notes_html(fb)  # no chart, no script


def test_a_user_template_folder_overrides_only_the_files_it_has(tmp_path, runner_up_de):
    (tmp_path / "letters" / "de").mkdir(parents=True)
    (tmp_path / "letters" / "de" / "subject.txt").write_text("Nordwind – {{ fb.subject }}\n", encoding="utf-8")
    assert render_subject(runner_up_de, templates_dir=tmp_path) == "Nordwind – Ihre Bewerbung als Kampagnenmanager:in"
    assert render_letter_html(runner_up_de, templates_dir=tmp_path) == render_letter_html(runner_up_de)
    assert parse(render_eml(runner_up_de, templates_dir=tmp_path))["Subject"].startswith("Nordwind – ")


def test_user_templates_are_autoescaped_and_strict(tmp_path, runner_up_de):
    (tmp_path / "letters" / "de").mkdir(parents=True)
    (tmp_path / "letters" / "de" / "letter.html").write_text("<p>{{ fb.name }} {{ fb.no_such_field }}</p>", encoding="utf-8")
    with pytest.raises(TemplateError, match="does not exist"):
        render_letter_html(runner_up_de, templates_dir=tmp_path)
    (tmp_path / "letters" / "de" / "letter.html").write_text("<p>{{ fb.name }}</p>", encoding="utf-8")
    fb = dataclasses.replace(runner_up_de, name=XSS)
    assert render_letter_html(fb, templates_dir=tmp_path) == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    (tmp_path / "letters" / "de" / "letter.html").write_text("<p>{% if %}</p>", encoding="utf-8")
    with pytest.raises(TemplateError, match="syntax error on line 1"):
        render_letter_html(runner_up_de, templates_dir=tmp_path)
    with pytest.raises(TemplateError, match="does not exist"):
        render_letter_html(runner_up_de, templates_dir=tmp_path / "missing")


def test_files_are_written_inside_the_folder_whatever_the_id(tmp_path):
    from test_feedback_rounds import SCORES

    rnd = make_round("en", candidates={"W": {"candidate_id": "../../x"}}, scores={c: s for c, s in SCORES.items() if c != "W"})
    fb = compose(rnd, "../../x", as_of=AS_OF)
    out = tmp_path / "letters"
    paths = write_candidate_files(fb, out)
    assert set(paths) == {"letter_html", "letter_text", "eml", "call_notes"}
    for path in paths.values():
        assert path.resolve().is_relative_to(out.resolve()) and path.exists()
    assert {p.parent.name for p in paths.values()} == {safe_name("../../x")}
    assert not list(tmp_path.rglob("*.tmp")) and not (tmp_path.parent / "x").exists()
    assert parse(paths["eml"].read_bytes().decode("utf-8"))["X-Unsent"] == "1"
    assert paths["letter_text"].read_text(encoding="utf-8") == render_letter_text(fb)


@pytest.mark.parametrize("raw,expected", [("B05", "B05"), ("S-07_a.b", "S-07_a.b")])
def test_plain_ids_keep_their_name(raw, expected):
    assert safe_name(raw) == expected


@pytest.mark.parametrize("raw", ["../../x", "a/b", "a:b", ".hidden", "CON", "", "x" * 300, "ünï côdé"])
def test_unsafe_ids_become_distinct_plain_names(raw):
    name = safe_name(raw)
    assert name and len(name) <= 80 and not name.startswith(".") and "/" not in name and ".." not in name
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in name)
    assert safe_name("a/b") != safe_name("a:b")


def test_preview_wraps_a_page_so_its_styles_stay_inside(runner_up_de):
    frame = preview_html(render_letter_html(runner_up_de))
    assert "<iframe srcdoc=" in frame and "<style>" not in frame and "&lt;style&gt;" in frame


def test_templates_exist_for_every_language():
    root = Path(__file__).resolve().parents[1] / "toolkit" / "templates" / "letters"
    for lang in ("en", "de", "sv"):
        assert {p.name for p in (root / lang).iterdir()} >= {"letter.html", "letter.txt", "subject.txt", "call-notes.html"}


@pytest.mark.parametrize("lang", ["en", "de", "sv"])
def test_the_letter_says_how_to_reach_the_signer_who_offers_to_answer_questions(lang, tmp_path):
    """A German secretary's review: every letter says 'get in touch with me, by phone or email' and gave neither. The
    Role sheet's sender_email and sender_phone go under the signature (text and print), and the address is the draft's
    sender; without them the letter is as before."""
    contact = {"sender_name": "Katrin Vogel", "sender_email": " k.vogel@example.com ", "sender_phone": "+49 30 555 0142"}
    fb = compose(make_round(lang, role=contact), "R", as_of=AS_OF)
    assert (fb.sender_email, fb.sender_phone) == ("k.vogel@example.com", "+49 30 555 0142")
    assert fb.signature[-2:] == ("+49 30 555 0142", "k.vogel@example.com")
    assert render_letter_text(fb).rstrip().endswith("+49 30 555 0142\nk.vogel@example.com")
    assert "+49 30 555 0142<br>k.vogel@example.com</p>" in render_letter_html(fb)
    assert parse(render_eml(fb, from_address=fb.sender_email))["From"] == "Katrin Vogel <k.vogel@example.com>"
    plain = compose(make_round(lang, role={"sender_name": "Katrin Vogel"}), "R", as_of=AS_OF)
    assert plain.sender_email is None and not any("@" in line for line in plain.signature)
    # an address that is not one plain address is said once, at its Role cell, and never printed or used as the sender
    rnd = make_round(lang, role={**contact, "sender_email": "Katrin Vogel <k.vogel@example.com>; hr@example.com"})
    warned = rnd.problems[rnd.problems["column"] == "sender_email"]
    assert warned[["severity", "rule"]].values.tolist() == [["warning", "bad_email"]] and warned.iloc[0]["sheet"] == "Role"
    assert rnd.role.sender_email is None and compose(rnd, "R", as_of=AS_OF).sender_email is None


def test_swedish_call_notes_show_the_job_title_as_a_label_and_the_letter_mid_sentence():
    """A Swedish review: the notes' header read "Tjänst: enhetschef hemtjänst", the in-sentence form of the title."""
    fb = compose(make_round("sv", role={"role": "Enhetschef hemtjänst"}), "R", as_of="2026-03-20")
    assert "tjänsten som enhetschef hemtjänst" in fb.text
    assert ">Enhetschef hemtjänst" in render_call_notes_html(fb)
    ios = compose(make_round("sv", role={"role": "iOS-utvecklare"}), "R", as_of="2026-03-20")
    assert ">iOS-utvecklare" in render_call_notes_html(ios)  # as written, not "IOS-utvecklare"
