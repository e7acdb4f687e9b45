"""The one marker pass over a page, and the one way finished HTML travels.

A page's Markdown goes through `expand_page` once, before Markdown runs:

1. passages for the other edition (`<!-- edition:teacher -->` ...
   `<!-- edition:end -->`, readkit.edition) are left out;
2. every marker `<!-- namespace:name args -->` (readkit.markers) is handed
   to the feature that registered its namespace, and every span a feature
   finds itself (a quiz's `<!-- quiz` ... `-->` block) to that feature;
3. each feature may add parts at the page's start and end, and check the
   page once it is expanded.

Every position and line is taken in the page's own text, so every error
points at the page file's line. A marker whose namespace no feature
registered is an error, as is an unknown name in a known namespace.

A handler returns parts: `str` is Markdown (headings, lists, links, which
Markdown and its table of contents must see) and `Html` is finished HTML.
`Fragments.put` swaps each `Html` for a placeholder comment, so Markdown
never parses it; after Markdown, `restore(html, prose=True)` puts back the
fragments the annotation pass must read (the article's words), and
`restore(html)` the rest once the pass is over.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ContentError
from .markers import Marker, find_markers


@dataclass(frozen=True)
class Html:
    """Finished HTML for the page. `prose`: the annotation pass reads it."""

    text: str
    prose: bool = False


Part = str | Html
Parts = Part | list[Part]


def blocks(*html: str, prose: bool = False) -> list[Part]:
    """HTML blocks as Markdown would place them: each on its own, blank lines around."""
    out: list[Part] = ["\n\n"]
    for text in html:
        out += [Html(text, prose), "\n\n"]
    return out


@dataclass(frozen=True)
class PageInfo:
    """The page a feature works on (duck-typed MkDocs objects)."""

    page: Any
    files: Any
    uri: str  # the page's path in docs/
    path: str  # the page's file, for messages
    offset: int  # front-matter lines before the page's Markdown


@dataclass(frozen=True)
class Span:
    """A piece of the page a feature expands itself (not a `ns:name` marker)."""

    start: int
    end: int
    line: int
    expand: Callable[[], Parts]


class Feature(Protocol):
    """What a hook adds to one page. Only `handlers` is required; a feature
    may also have any of:

    - `spans(markdown) -> [Span]`: pieces of the page it expands itself;
    - `before() -> Parts`: what goes at the page's start;
    - `after(parts) -> parts`: the page's parts, with its own added at the end;
    - `done(parts)`: checks once the page is expanded (raise ContentError);
    - `finish(html) -> html`: the page's HTML once every fragment is back.
    """

    @property
    def handlers(self) -> Mapping[str, Callable[[Marker], Parts]]: ...


def rstrip(parts: list[Part]) -> list[Part]:
    """`parts` without the whitespace at their end (Markdown's `text.rstrip()`)."""
    out = list(parts)
    while out and isinstance(out[-1], str):
        last = str(out.pop()).rstrip()
        if last:
            out.append(last)
            break
    return out


def html_of(parts: Parts) -> str:
    """The parts as one text, fragments written out (to read what a handler made)."""
    return "".join(p if isinstance(p, str) else p.text for p in _parts(parts))


def markdown_of(parts: Iterable[Part]) -> str:
    """The Markdown among `parts` (to check what a page's author wrote)."""
    return "".join(p for p in parts if isinstance(p, str))


def _parts(value: Parts) -> list[Part]:
    return value if isinstance(value, list) else [value]


# A fragment's placeholder: `<!--rk-TOKEN-N-->`, TOKEN new for every page and build.
PLACEHOLDER = re.compile(r"<!--rk-([0-9a-f]+)-[0-9]+-->")  # group 1: the token


@dataclass
class Fragments:
    """A page's finished HTML, out of Markdown's way until it is put back."""

    token: str = field(default_factory=lambda: secrets.token_hex(6))
    items: list[Html] = field(default_factory=list)

    def put(self, html: Html) -> str:
        self.items.append(html)
        return f"<!--rk-{self.token}-{len(self.items) - 1}-->"

    def text(self, parts: Iterable[Part]) -> str:
        return "".join(p if isinstance(p, str) else self.put(p) for p in parts)

    def restore(self, html: str, *, prose: bool = False) -> str:
        """Put back the prose fragments (`prose=True`) or all the others."""
        if not self.items:
            return html
        pattern = re.compile(rf"<!--rk-{self.token}-(\d+)-->")

        def back(m: re.Match[str]) -> str:
            item = self.items[int(m.group(1))]
            return item.text if item.prose == prose else m.group(0)

        return pattern.sub(back, html)


def expand_page(
    markdown: str,
    features: Mapping[str, Any],
    info: PageInfo,
    fragments: Fragments,
    cuts: Sequence[tuple[int, int]] = (),
) -> str:
    """The page's Markdown with every marker and span expanded (see the module's docstring).

    `features`: namespace -> the page's Feature. `cuts`: [start, end) spans
    of `markdown` to leave out (the other edition's passages).
    """

    def cut(start: int) -> bool:
        return any(a <= start < b for a, b in cuts)

    edits: list[tuple[int, int, Callable[[], Parts]]] = [(a, b, lambda: "") for a, b in cuts]
    for marker in find_markers(markdown, info.offset):
        if cut(marker.start) or marker.namespace == "edition":
            continue  # edition markers are the cuts' own
        feature = features.get(marker.namespace)
        if feature is None:
            raise ContentError(
                info.path,
                marker.line,
                f"marker '{marker.namespace}:{marker.name}' was not expanded by any hook",
                "Check its spelling, and that the hook for it is listed under `hooks:` in mkdocs.yml",
            )
        handler = feature.handlers.get(marker.name)
        if handler is None:
            raise ContentError(
                info.path,
                marker.line,
                f"unknown marker '{marker.namespace}:{marker.name}'",
                f"Known {marker.namespace} markers: {', '.join(sorted(feature.handlers))}",
            )
        edits.append((marker.start, marker.end, functools.partial(handler, marker)))
    for feature in features.values():
        spans = getattr(feature, "spans", None)
        if spans is not None:
            edits += [(s.start, s.end, s.expand) for s in spans(markdown) if not cut(s.start)]
    edits.sort(key=lambda e: e[0])
    for (_, end, _), (start, _, _) in zip(edits, edits[1:]):
        if start < end:
            line = markdown.count("\n", 0, start) + 1 + info.offset
            raise ContentError(
                info.path, line, "a marker stands inside another one", "Put each marker on a line of its own"
            )

    parts: list[Part] = []
    for feature in features.values():
        before = getattr(feature, "before", None)
        if before is not None:
            parts += _parts(before())
    last = 0
    for start, end, make in edits:
        parts.append(markdown[last:start])
        parts += _parts(make())
        last = end
    parts.append(markdown[last:])
    for feature in features.values():
        after = getattr(feature, "after", None)
        if after is not None:
            parts = after(parts)
    for feature in features.values():
        done = getattr(feature, "done", None)
        if done is not None:
            done(parts)
    return fragments.text(parts)
