"""What a maintainer may write in a data file, in one place.

- `esc(text)`: the one HTML escape for text from data (quotes included).
- `ID` / `is_id(text)`: the one rule for entry, source, note and question ids.
- `check_sources(...)`: the one check that source ids name the registry, with
  one message: `<item>: unknown source 'x'`.
- `render_markdown(...)`: the one safe-Markdown renderer, for every data field
  that accepts Markdown (glossary definitions and notes, note texts, quiz
  prompts, options, items, feedback and explanations).

The Markdown policy (README, "What data can put in a page"):

1. Raw HTML is escaped before Markdown runs, so `<b>`, `<script>` or
   `<img onerror=...>` in a data file shows as text and never becomes markup.
2. Markdown then gives only these elements: inline fields (`inline=True`:
   definitions, quiz prompts, options, items, feedback) `em`, `strong`, `code`
   and `a`, in one paragraph; block fields (glossary and critical-reading
   notes, quiz explanations) also `p`, `ul`, `ol` and `li`.
3. The only attributes are `href` and `title` on `a`. A link's `href` must be
   an absolute address that begins with exactly `https://` and names a host;
   `http:`, `javascript:`, `data:`, `vbscript:`, `mailto:`, relative paths and
   anything with spaces, control characters or quotes are refused. The
   glossary alone may also link `#entry-id` (it checks the entry exists and
   points the link at the glossary page); other fields render on more than one
   page, where a relative link would land in different places.
4. No images anywhere: the site loads nothing from other hosts, and an image
   of our own has no place in a definition, a note or a quiz.

The policy is applied to the rendered HTML, parsed with a real HTML parser
(which decodes entities as a browser does), so inline links, reference links
with or without titles, autolinks and anything Markdown may add later pass one
check. A refused field stops the build with the data file's path and the
field's line. This module imports nothing from MkDocs.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from collections.abc import Callable, Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path

import markdown

from .errors import ContentError

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_HINT = "Use lowercase letters, digits and single hyphens, e.g. space-agency"

INLINE_TAGS = frozenset({"em", "strong", "code", "a"})
BLOCK_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li"}
LINK_ATTRIBUTES = frozenset({"href", "title"})
# An absolute https address with a host; no whitespace, control characters,
# quotes, angle brackets or backslashes anywhere in it.
HTTPS_URL = re.compile(
    r"^https://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?"
    r"(?:[/?#][^\s\x00-\x1f\x7f\"'<>\\`]*)?$"
)
FRAGMENT = re.compile(r"^#[a-z0-9]+(?:-[a-z0-9]+)*$")


def esc(text: str) -> str:
    """Text from data as HTML text or attribute value (`&`, `<`, `>`, `"` and `'` escaped)."""
    return html.escape(text, quote=True)


def is_id(text: str) -> bool:
    """Whether `text` is a valid id: lowercase letters and digits in groups joined by single hyphens."""
    return bool(ID.match(text))


# -- Source ids -----------------------------------------------------------------


def unknown_source(
    sid: str,
    known: Iterable[str],
    path: str | Path,
    line: int | None,
    what: str | None = None,
    registry: str | Path | None = None,
) -> ContentError:
    """The one error for a source id the registry does not have."""
    close = difflib.get_close_matches(sid, list(known), n=3, cutoff=0.6)
    guess = f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    where = str(registry) if registry else "the sources registry"
    prefix = f"{what}: " if what else ""
    return ContentError(
        path, line, f"{prefix}unknown source '{sid}'", f"{guess}Use an id from {where}, or add the source there first"
    )


def check_sources(
    ids: Sequence[str],
    known: Iterable[str],
    path: str | Path,
    line_of: Callable[[int], int | None],
    what: str | None = None,
    registry: str | Path | None = None,
) -> None:
    """Every id in `ids` names a source in `known`; `line_of(i)` is the line of item i."""
    known = set(known)
    for i, sid in enumerate(ids):
        if sid not in known:
            raise unknown_source(sid, known, path, line_of(i), what, registry)


# -- Markdown ---------------------------------------------------------------------


class UnsafeMarkdown(Exception):
    """A field's rendered HTML breaks the policy: `what` went wrong, `hint` says what is allowed."""

    def __init__(self, what: str, hint: str) -> None:
        super().__init__(f"{what}. {hint}")
        self.what, self.hint = what, hint


def _markdown(inline: bool) -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    # Reference definitions (`[x]: https://...`) are kept in both: their links
    # meet the same check as inline ones.
    keep = {"empty", "paragraph", "reference"} | (set() if inline else {"olist", "ulist"})
    for item in list(md.parser.blockprocessors._priority):  # type: ignore[attr-defined]
        if item.name not in keep:
            md.parser.blockprocessors.deregister(item.name)
    # Hard line breaks and raw HTML are not part of the policy (raw HTML is
    # escaped before Markdown anyway). Links of every kind stay: they all meet
    # the same check on the rendered HTML.
    for name in ("linebreak", "html"):
        md.inlinePatterns.deregister(name)
    return md


_MD = {True: _markdown(True), False: _markdown(False)}
_CODE = re.compile(r"(<code>)(.*?)</code>", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _allowed_links(fragments: bool) -> str:
    return (
        "Links must be full https:// addresses"
        + (", or another glossary entry as (#entry-id)" if fragments else "")
        + "; raw HTML, images and other link targets are not allowed in data text"
    )


def href_allowed(value: str, fragments: bool = False) -> bool:
    """Whether a link target (as a browser reads it, entities decoded) passes the policy."""
    return bool(HTTPS_URL.match(value) or (fragments and FRAGMENT.match(value)))


class _Policy(HTMLParser):
    def __init__(self, allowed: frozenset[str], fragments: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed, self.fragments = allowed, fragments

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hint = _allowed_links(self.fragments)
        if tag == "img":
            raise UnsafeMarkdown(
                "images are not allowed in data text",
                "The site loads nothing from other hosts; describe the image in words, or link to it",
            )
        if tag not in self.allowed:
            raise UnsafeMarkdown(
                f"<{tag}> is not allowed here",
                "Use plain text with *emphasis*, **strong**, `code` and [links](https://...)"
                + ("" if "p" in self.allowed else ", in one paragraph"),
            )
        for name, value in attrs:
            if tag != "a" or name not in LINK_ATTRIBUTES:
                raise UnsafeMarkdown(f"attribute {name!r} on <{tag}> is not allowed", hint)
            if name == "href" and not href_allowed(value or "", self.fragments):
                raise UnsafeMarkdown(f"link target {value!r} is not allowed", hint)
        if tag == "a" and not any(name == "href" for name, _ in attrs):
            raise UnsafeMarkdown("a link without a target is not allowed", hint)

    handle_startendtag = handle_starttag

    def check(self, rendered: str) -> None:
        self.feed(rendered)
        self.close()


@functools.lru_cache(maxsize=8192)  # a text is rendered for the page, the print page and the exports
def markdown_html(text: str, *, inline: bool, fragments: bool = False) -> str:
    """`text` (Markdown from a data file) as HTML that passes the policy, or `UnsafeMarkdown`.

    `inline`: one paragraph, returned without its `<p>`. `fragments`: `#id`
    links are allowed too (the glossary's links to other entries).
    """
    md = _MD[inline]
    md.reset()
    # Control characters are invisible, and \x02/\x03 are Python-Markdown's own
    # placeholder marks: they are dropped before anything else.
    text = _CONTROL.sub("", text)
    out = md.convert(html.escape(text, quote=False)).strip()
    # Code spans escape their text again; undo that one extra level, so `<b>`
    # in backticks shows as <b>, still escaped once.
    out = _CODE.sub(lambda m: m.group(1) + m.group(2).replace("&amp;", "&") + "</code>", out)
    _Policy(INLINE_TAGS | {"p"} if inline else BLOCK_TAGS, fragments).check(out)
    if inline:
        if out.count("<p>") > 1:
            raise UnsafeMarkdown("the text must be one paragraph", "Keep it to a sentence or two, without blank lines")
        out = re.sub(r"^<p>|</p>$", "", out)
    return out


def render_markdown(
    text: str, path: str | Path, line: int | None, *, inline: bool, fragments: bool = False, field: str | None = None
) -> str:
    """`markdown_html` whose refusals stop the build at `path:line` (the field's
    line), named by `field` when given (e.g. "note 3, text")."""
    try:
        return markdown_html(text, inline=inline, fragments=fragments)
    except UnsafeMarkdown as err:
        where = f"{field}: " if field else ""
        raise ContentError(path, line, where + err.what, err.hint) from None
