"""The one jinja2 environment for the package's templates, with an optional user folder on top.

Templates live in ``toolkit/templates`` (``letters/<language>/letter.html``,
``report/...``). A user folder (``templates_dir``) that holds a file at the
same relative path (``my-templates/letters/de/letter.html``) overrides the
packaged one, so a company can change tone, layout and branding without
touching the package.

- HTML and XML templates are autoescaped; ``.txt`` templates (email bodies,
  subjects) are not, since they are plain text.
- Undefined variables are an error (`jinja2.StrictUndefined`), turned into a
  `toolkit.errors.TemplateError` that names the template and what to do.
- Environments are built once per user folder and cached. A user folder's
  templates are reloaded when their files change; the packaged ones are read
  once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError as JinjaTemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)

from ..errors import TemplateError

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""Folder of the packaged templates (for people who want to copy and adapt them)."""


@lru_cache(maxsize=16)
def _environment(user_dir: str | None) -> Environment:
    loaders = []
    if user_dir is not None:
        loaders.append(FileSystemLoader(user_dir))
    loaders.append(PackageLoader("toolkit", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml"), default_for_string=True, default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # the packaged templates do not change while Python runs: no look at their files' dates on every render
        # (a report renders tens of thousands); a user's folder is looked at, so edits show on the next render
        auto_reload=user_dir is not None,
    )
    return env


def get_environment(templates_dir: str | Path | None = None) -> Environment:
    """The jinja2 Environment: ``templates_dir`` (if given) first, then the packaged templates.

    Raises `TemplateError` when ``templates_dir`` is given but is not a folder.
    """
    if templates_dir is None:
        return _environment(None)
    folder = Path(templates_dir).expanduser()
    if not folder.is_dir():
        raise TemplateError(
            "the templates folder does not exist",
            file=str(folder),
            hint="Pass a folder that mirrors toolkit/templates (for example my-templates/letters/de/letter.html), or leave templates_dir (debrief report --templates) out",
        )
    return _environment(str(folder.resolve()))


def render_template(name: str, context: dict, templates_dir: str | Path | None = None) -> str:
    """Render the template ``name`` (e.g. ``"letters/de/letter.html"``) with ``context``.

    Every jinja2 problem (missing template, syntax error, undefined
    variable) becomes a `TemplateError` naming the template.
    """
    env = get_environment(templates_dir)
    where = f"{templates_dir} or the packaged templates" if templates_dir is not None else "the packaged templates"
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise TemplateError(
            "template not found",
            file=name,
            hint=f"Looked in {where}; a user folder must mirror toolkit/templates ({PACKAGE_TEMPLATES})",
        ) from None
    except TemplateSyntaxError as err:
        raise TemplateError(
            f"template syntax error on line {err.lineno}: {err.message}",
            file=err.filename or name,
            hint="Fix the template (jinja2 syntax), or remove it from your templates folder to use the packaged one",
        ) from None
    try:
        return template.render(**context)
    except UndefinedError as err:
        raise TemplateError(
            f"the template uses a value that does not exist: {err.message}",
            file=template.filename or name,
            allowed=", ".join(sorted(context)),
            hint="Use only the values the packaged template uses (see its comment at the top)",
        ) from None
    except JinjaTemplateError as err:
        raise TemplateError(f"the template failed: {err}", file=template.filename or name) from None


def unused_templates(templates_dir: str | Path) -> list[tuple[str, str | None]]:
    """The files in a user's template folder that override no built-in template (a path without ``letters/``, a
    misspelt name), each with the built-in path of the same file name, if there is one: (path, suggestion)."""
    from importlib.resources import files

    root = files("toolkit") / "templates"
    builtin: list[str] = []

    def walk(node, prefix=""):
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            else:
                builtin.append(f"{prefix}{child.name}")

    walk(root)
    folder = Path(templates_dir).expanduser()
    out = []
    for f in sorted(folder.rglob("*")):
        if f.is_file() and not f.name.startswith("."):
            rel = f.relative_to(folder).as_posix()
            if rel not in builtin:
                same = [b for b in builtin if b.endswith("/" + rel)] or [b for b in builtin if b.rsplit("/", 1)[-1] == f.name]
                out.append((rel, same[0] if same else None))
    return out
