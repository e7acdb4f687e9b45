"""Editions: the student edition leaves the teachers' material out of the
build; the teacher edition is the whole site, marked as such.

The edition comes from `extra.reading.edition` in mkdocs.yml, or from the
environment variable READING_EDITION, which wins. A page is teacher-only when
its front matter says `edition: teacher`; inside any page,

    <!-- edition:teacher -->
    ...only in the teacher edition...
    <!-- edition:end -->

(or `<!-- edition:student -->`) marks a passage for one edition. The student
edition does not build teacher-only pages at all: they leave the file list and
the navigation, so no search index, sitemap or link can reach them. A link
from a page (or passage) that both editions keep to a teacher-only page would
break in the student edition, so it stops the build in both.

Quizzes have a mode per edition (`extra.reading.quiz`) and per page (front
matter `quiz:`): `practice` (answers to check yourself) or `check` (the
student edition carries no answer in any form).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .markers import masked
from .yamlio import LineDict, parse_yaml

EDITIONS = ("student", "teacher")
MODES = ("practice", "check")
DEFAULT_EDITION = "student"
ENV = "READING_EDITION"


# -- Settings -----------------------------------------------------------------


def config_line(config_file: Path, *keys: str) -> int | None:
    """The line of `keys[0]:` under `extra: reading:` in mkdocs.yml, then of
    `keys[1]:` after it, and so on (for messages)."""
    try:
        lines = Path(config_file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    inside, found, wanted = False, None, list(keys)
    for number, line in enumerate(lines, start=1):
        if re.match(r"\s+reading:\s*(#.*)?$", line):
            inside = True
        elif inside and wanted and re.match(rf"\s+{re.escape(wanted[0])}:", line):
            found = number
            wanted.pop(0)
    return found


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def edition(options: Mapping[str, Any], environ: Mapping[str, str], config_file: Path) -> str:
    """`student` or `teacher`: READING_EDITION if set, else extra.reading.edition."""
    from_env = environ.get(ENV, "").strip()
    value: Any = from_env or options.get("edition", DEFAULT_EDITION)
    if value not in EDITIONS:
        where = f"{ENV}={from_env!r} (from the environment)" if from_env else f"extra.reading.edition {value!r}"
        raise ContentError(
            shown(config_file),
            config_line(config_file, "edition"),
            f"{where} is not an edition",
            f"Use {' or '.join(EDITIONS)}",
        )
    return str(value)


def mode_setting(value: Any, path: str | Path, line: int | None, what: str) -> dict[str, str]:
    """A `quiz:` setting as {edition: mode}: one mode for both editions
    (`quiz: check`) or one per edition (`quiz: {student: check, teacher: practice}`)."""
    if value is None:
        return {}
    if isinstance(value, str):
        value = {e: value for e in EDITIONS}
    if not isinstance(value, dict):
        raise ContentError(
            path,
            line,
            f"{what} must be `practice`, `check`, or one of them per edition",
            "Write `quiz: check`, or `quiz: {student: check, teacher: practice}`",
        )
    out = {}
    for key, mode in value.items():
        if key not in EDITIONS:
            raise ContentError(path, line, f"{what}: {key!r} is not an edition", f"Use {' or '.join(EDITIONS)}")
        if mode not in MODES:
            raise ContentError(
                path,
                line,
                f"{what} for the {key} edition is {mode!r}",
                "Use practice (answers to check yourself) or check (no answers in the student edition)",
            )
        out[str(key)] = str(mode)
    return out


@dataclass(frozen=True)
class Edition:
    name: str  # student | teacher
    quiz: dict[str, str]  # the site's quiz mode per edition

    @property
    def teacher(self) -> bool:
        return self.name == "teacher"

    def quiz_mode(self, page_setting: dict[str, str]) -> str:
        """The mode of a page's quizzes in this edition: the page's, else the site's."""
        return page_setting.get(self.name) or self.quiz.get(self.name) or "practice"


def load(options: Mapping[str, Any], environ: Mapping[str, str], config_file: Path) -> Edition:
    name = edition(options, environ, config_file)
    try:
        quiz = mode_setting(options.get("quiz"), config_file, None, "extra.reading.quiz")
    except ContentError as err:  # the line is looked up only when it is needed
        setting = options.get("quiz")
        bad = (
            [k for k, v in setting.items() if k not in EDITIONS or v not in MODES] if isinstance(setting, dict) else []
        )
        line = config_line(config_file, "quiz", *bad[:1])
        raise ContentError(shown(config_file), line, err.message, err.hint) from None
    return Edition(name, quiz)


# -- Pages ----------------------------------------------------------------------

FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def front_matter(source: str, path: str | Path) -> LineDict:
    """A page's YAML front matter (empty if it has none), lines as in the file."""
    m = FRONT.match(source)
    if not m or not (m.group(1) or "").strip():
        return LineDict()
    data = parse_yaml("\n" + m.group(1), path)  # the padding line is the opening ---
    return data if isinstance(data, LineDict) else LineDict()


def page_edition(meta: LineDict, path: str | Path) -> str | None:
    """`teacher` for a teacher-only page, `student` for a student-only one, else None."""
    value = meta.get("edition")
    if value is None:
        return None
    if value not in EDITIONS:
        raise ContentError(
            path,
            meta.line_of("edition"),
            f"front matter `edition: {value}` is not an edition",
            "Write `edition: teacher` for a page only the teacher edition builds, or remove the line",
        )
    return str(value)


def page_quiz(meta: LineDict, path: str | Path) -> dict[str, str]:
    return mode_setting(
        meta.get("quiz"), path, meta.line_of("quiz") if "quiz" in meta else None, "front matter `quiz:`"
    )


BLOCK = re.compile(r"<!--\s*edition:(?P<name>[a-z][a-z0-9_-]*)\s*-->")


def _code_masked(markdown: str) -> str:
    """Fenced code and `inline code` blanked out (same length)."""
    return re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), masked(markdown))


def passages(markdown: str, path: str | Path, line_offset: int = 0) -> list[tuple[str, int, int, int]]:
    """Every `<!-- edition:NAME -->` ... `<!-- edition:end -->` passage outside
    code: (edition, start, end, line of the opening marker)."""
    text = _code_masked(markdown)
    out = []
    open_: tuple[str, int, int] | None = None
    for m in BLOCK.finditer(text):
        name, line = m.group("name"), text.count("\n", 0, m.start()) + 1 + line_offset
        if name == "end":
            if open_ is None:
                raise ContentError(
                    path,
                    line,
                    "`<!-- edition:end -->` closes no passage",
                    "Open it with `<!-- edition:teacher -->` or `<!-- edition:student -->`, or remove it",
                )
            out.append((open_[0], open_[1], m.end(), open_[2]))
            open_ = None
        elif name in EDITIONS:
            if open_ is not None:
                raise ContentError(
                    path,
                    line,
                    f"`<!-- edition:{name} -->` opens inside the passage opened at line {open_[2]}",
                    "Close the first with `<!-- edition:end -->`",
                )
            open_ = (name, m.start(), line)
        else:
            raise ContentError(
                path,
                line,
                f"unknown marker 'edition:{name}'",
                "Use `<!-- edition:teacher -->`, `<!-- edition:student -->` or `<!-- edition:end -->`",
            )
    if open_ is not None:
        raise ContentError(
            path,
            open_[2],
            f"the `<!-- edition:{open_[0]} -->` passage is never closed",
            "End it with `<!-- edition:end -->` on a line of its own",
        )
    return out


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", "", text)  # keep the newlines, so later lines keep their numbers


def _lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole lines when the span stands alone on them
    (so removing it leaves no blank line, which would loosen a list)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, line_end


def cuts(markdown: str, name: str, path: str | Path, line_offset: int = 0) -> list[tuple[int, int]]:
    """The [start, end) spans edition `name` leaves out of the page: passages
    for the other edition, and the markers themselves always."""
    out: list[tuple[int, int]] = []
    for which, start, end, _ in passages(markdown, path, line_offset):
        if which == name:
            for m in BLOCK.finditer(markdown, start, end):
                out.append(_lines(markdown, m.start(), m.end()))
        else:
            out.append(_lines(markdown, start, end))
    return out


def for_edition(markdown: str, name: str, path: str | Path, line_offset: int = 0, *, keep_lines: bool = False) -> str:
    """The page as edition `name` shows it (see `cuts`); `keep_lines` keeps
    the newlines of what goes, so every line keeps its number."""
    pieces, last = [], 0
    for start, end in cuts(markdown, name, path, line_offset):
        pieces.append(markdown[last:start])
        if keep_lines:
            pieces.append(_blank(markdown[start:end]))
        last = end
    pieces.append(markdown[last:])
    return "".join(pieces)


# A Markdown link's target, a reference definition, or an HTML href/src.
LINK = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"
    r"|^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+)"
    r"|\b(?:href|src)\s*=\s*[\"'](?P<html>[^\"']+)",
    re.M,
)


def links(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every link outside fenced code and inline code."""
    text = _code_masked(markdown)
    for m in LINK.finditer(text):
        target = m.group("inline") or m.group("ref") or m.group("html")
        yield text.count("\n", 0, m.start()) + 1, target


def resolve(src_uri: str, target: str) -> str | None:
    """The docs-relative file a link from page `src_uri` points at (None for
    other sites, mail, and links within the page)."""
    if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "//")):
        return None
    target = re.split(r"[#?]", target, maxsplit=1)[0]
    if not target:
        return None
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(src_uri), target)
    return posixpath.normpath(joined)


def _names(uri: str) -> set[str]:
    """The paths a link may use for page `uri` (teachers.md, teachers/, teachers/index.html ...)."""
    stem = uri[:-3] if uri.endswith(".md") else uri
    if stem.endswith("/index") or stem == "index":
        stem = stem[: -len("index")].rstrip("/")
    out = {uri, stem, f"{stem}.html", posixpath.join(stem, "index.html")}
    return {posixpath.normpath(n) for n in out if n}


def check_links(
    src_uri: str,
    source: str,
    path: str | Path,
    only: Mapping[str, str],
    teacher_anchors: Mapping[str, set[str]] | None = None,
) -> None:
    """Every link must reach its page in each edition that shows the link.

    `only` maps the pages one edition alone builds to that edition;
    `teacher_anchors` the anchors only the teacher edition writes on a page
    both build (the whole reading's `#answer-key`); `source` is the page
    file's whole text (so lines are the file's)."""
    page_ed = only.get(src_uri)
    anchors = {alias: (uri, ids) for uri, ids in (teacher_anchors or {}).items() for alias in _names(uri)}
    for name in EDITIONS:
        if page_ed and page_ed != name:
            continue  # this edition does not build the page at all
        missing = {alias: uri for uri, ed in only.items() if ed != name for alias in _names(uri)}
        for line, target in links(for_edition(source, name, path, keep_lines=True)):
            resolved = resolve(src_uri, target)
            if resolved is None:
                continue
            if resolved in missing:
                uri = missing[resolved]
                raise ContentError(
                    path,
                    line,
                    f"the link to {target!r} would break in the {name} edition, which "
                    f"does not build {uri} (its front matter says `edition: {only[uri]}`)",
                    f"Put the link inside `<!-- edition:{only[uri]} -->` ... `<!-- edition:end -->`, "
                    "or link to a page both editions build",
                )
            anchor = target.partition("#")[2]
            if name == "student" and resolved in anchors and anchor in anchors[resolved][1]:
                raise ContentError(
                    path,
                    line,
                    f"the link to {target!r} would break in the student edition: "
                    f"only the teacher edition has #{anchor} on {anchors[resolved][0]}",
                    "Put the link inside `<!-- edition:teacher -->` ... `<!-- edition:end -->`, "
                    "or link to the page without the anchor",
                )


def prune_nav(nav: Any, drop: set[str]) -> Any:
    """The nav (mkdocs.yml's list) without the pages in `drop`, and without
    sections left empty."""
    if isinstance(nav, str):
        return None if nav in drop else nav
    if isinstance(nav, list):
        out = [pruned for item in nav if (pruned := prune_nav(item, drop)) is not None]
        return out or None
    if isinstance(nav, dict):
        out_d = {}
        for title, item in nav.items():
            pruned = prune_nav(item, drop)
            if pruned is not None:
                out_d[title] = pruned
        return out_d or None
    return nav


MARKER_HTML = (
    '<p class="ed-marker" role="note"><strong>Teacher edition</strong>: answers, the answer key '
    "and the teachers' pages are shown. Students use the student edition.</p>"
)


def mark_teacher_page(output: str) -> str:
    """The visible "Teacher edition" marker, just above the page's content
    (outside the article, so the page itself is as in the student edition)."""
    return re.sub(r"(<article\b[^>]*\bmd-content__inner\b[^>]*>)", lambda m: MARKER_HTML + m.group(1), output, count=1)
