"""One annotation pass over a page's HTML.

Providers (glossary terms, source markers, note anchors, ...) look at each
eligible text node and report annotations over its characters. This module
resolves overlaps and renders every text node once, so markup from different
providers never nests wrongly and the visible text stays the same: wraps only
add tags around existing characters; insertions add elements marked
`data-ar-insert`, whose text the pass ignores when it runs again.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
RAW_TEXT = {"script", "style"}
# Never annotate inside these elements.
FORBIDDEN_TAGS = {
    "a",
    "abbr",
    "button",
    "code",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "kbd",
    "label",
    "legend",
    "math",
    "nav",
    "option",
    "pre",
    "samp",
    "script",
    "select",
    "style",
    "summary",
    "svg",
    "textarea",
    "title",
    "dfn",
    "sup",
    "sub",
    "time",
    "figcaption",
    "caption",
    "th",
}
# ...nor inside elements with one of these classes (Material's chrome, our own widgets).
FORBIDDEN_CLASSES = {
    "md-nav",
    "md-toc",
    "md-header",
    "md-footer",
    "md-search",
    "headerlink",
    "ar-pnum",
    "no-annotate",
    "quiz",
}


@dataclass(frozen=True)
class Wrap:
    """Wrap `text[start:end]` in `open_tag` ... `close_tag`."""

    start: int
    end: int
    open_tag: str
    close_tag: str
    key: str  # identity for de-duplication, e.g. "term:icbm"
    priority: int = 0  # higher wins an overlap; then the longer, then the earlier


@dataclass(frozen=True)
class Insert:
    """Insert `markup` (an element carrying `data-ar-insert`) at offset `at`."""

    at: int
    markup: str
    key: str
    order: int = 0  # among insertions at one offset


Annotation = Wrap | Insert


@dataclass
class TextNode:
    text: str
    # Article paragraph this node belongs to (its number), if any, and the
    # node's offset within that paragraph's article text.
    para: int | None
    para_offset: int
    classes: frozenset[str]


@dataclass
class PageState:
    """What the pass has seen on this page so far (shared by all providers)."""

    keys_present: set[str] = field(default_factory=set)  # keys already rendered (this run or an earlier one)
    extra: dict = field(default_factory=dict)  # per-provider scratch space


class Provider(Protocol):
    def __call__(self, node: TextNode, state: PageState) -> Iterable[Annotation]: ...


def resolve(text: str, annotations: Iterable[Annotation]) -> tuple[list[Wrap], list[Insert]]:
    """Pick non-overlapping wraps and place insertions outside them."""
    wraps = sorted(
        (a for a in annotations if isinstance(a, Wrap) and 0 <= a.start < a.end <= len(text)),
        key=lambda w: (-w.priority, -(w.end - w.start), w.start),
    )
    chosen: list[Wrap] = []
    for w in wraps:
        if all(w.end <= c.start or w.start >= c.end for c in chosen):
            chosen.append(w)
    chosen.sort(key=lambda w: w.start)
    inserts = []
    for a in annotations:
        if isinstance(a, Insert) and 0 <= a.at <= len(text):
            at = a.at
            for w in chosen:  # an insertion never splits a wrap: move it after
                if w.start < at < w.end:
                    at = w.end
            inserts.append(Insert(at, a.markup, a.key, a.order))
    inserts.sort(key=lambda i: (i.at, i.order))
    return chosen, inserts


def render_text(text: str, wraps: list[Wrap], inserts: list[Insert]) -> str:
    out: list[str] = []
    pos = 0
    events: list[tuple[int, int, object]] = []
    for w in wraps:
        events.append((w.start, 1, w))
    for i in inserts:
        events.append((i.at, 0, i))
    events.sort(key=lambda e: (e[0], e[1]))
    for at, kind, obj in events:
        if kind == 1:
            w = obj  # type: ignore[assignment]
            out.append(html.escape(text[pos : w.start], quote=False))
            out.append(w.open_tag + html.escape(text[w.start : w.end], quote=False) + w.close_tag)
            pos = w.end
        else:
            out.append(html.escape(text[pos:at], quote=False))
            out.append(obj.markup)  # type: ignore[attr-defined]
            pos = at
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


class _Pass(HTMLParser):
    def __init__(self, providers: list[Provider], state: PageState) -> None:
        super().__init__(convert_charrefs=True)
        self.providers = providers
        self.state = state
        self.out: list[str] = []
        # Stack of (tag, forbidden, para, inserted, classes)
        self.stack: list[tuple[str, bool, int | None, bool, frozenset[str]]] = []
        self.para_offsets: dict[int, int] = {}

    # -- context -------------------------------------------------------------
    def _top(self) -> tuple[bool, int | None, bool, frozenset[str]]:
        if not self.stack:
            return False, None, False, frozenset()
        _, forbidden, para, inserted, classes = self.stack[-1]
        return forbidden, para, inserted, classes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID:
            return
        a = dict(attrs)
        classes = frozenset((a.get("class") or "").split())
        forbidden, para, inserted, parent_classes = self._top()
        key = a.get("data-ar-key")
        if key:
            self.state.keys_present.add(key)
        if (
            tag in FORBIDDEN_TAGS
            or classes & FORBIDDEN_CLASSES
            or a.get("aria-hidden") == "true"
            or key
            or "data-ar-insert" in a
        ):
            forbidden = True
        if "data-ar-insert" in a:
            inserted = True
        digits = a.get("data-para") or ""
        if digits.isdigit():
            para = int(digits)
        self.stack.append((tag, forbidden, para, inserted, classes | (parent_classes & {"ar-text"})))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in RAW_TEXT:
            self.out.append(data)
            return
        forbidden, para, inserted, classes = self._top()
        in_article = para is not None and "ar-text" in classes
        offset = self.para_offsets.get(para, 0) if in_article and para is not None else 0
        if in_article and para is not None and not inserted:
            self.para_offsets[para] = offset + len(data)
        if forbidden or not data.strip():
            self.out.append(html.escape(data, quote=False))
            return
        node = TextNode(data, para if in_article else None, offset, classes)
        found: list[Annotation] = []
        for provider in self.providers:
            found.extend(provider(node, self.state))
        if not found:
            self.out.append(html.escape(data, quote=False))
            return
        wraps, inserts = resolve(data, found)
        self.state.keys_present.update(w.key for w in wraps)
        self.state.keys_present.update(i.key for i in inserts)
        self.out.append(render_text(data, wraps, inserts))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def annotate(html_text: str, providers: list[Provider], state: PageState | None = None) -> str:
    """Run every provider over the eligible text of `html_text`, render once.

    The page hook gives it only the page's prose: finished widgets (quizzes,
    lists, the glossary's index) wait as fragments until the pass is over.
    """
    if not providers:
        return html_text
    p = _Pass(providers, state or PageState())
    p.feed(html_text)
    p.close()
    return "".join(p.out)
