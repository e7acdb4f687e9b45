"""The timeline: dated events around an article, from a YAML data file.

`load_timeline` validates the file (dates, order, paragraph numbers, glossary
and source ids) and reports every problem as `path:line`. `timeline_html`
renders one ordered list; links are made by callables the hook passes in, so
this module needs nothing from MkDocs.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import authoring
from .errors import ContentError
from .render import esc
from .yamlio import Fields, LineList, load_yaml

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EVENT_FIELDS = {"date", "until", "approximate", "when", "title", "text", "paras", "terms", "sources"}
TOP_FIELDS = {"article_date", "article_date_exact", "events"}


@dataclass(frozen=True, order=True)
class Date:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def key(self, precision: int) -> tuple[int, ...]:
        """The date cut to `precision` parts (1 year, 2 month, 3 day)."""
        return (self.year, self.month or 0, self.day or 0)[:precision]

    @property
    def precision(self) -> int:
        return 3 if self.day else 2 if self.month else 1

    def words(self, with_year: bool = True, with_month: bool = True) -> str:
        out = []
        if self.day:
            out.append(str(self.day))
        if self.month and with_month:
            out.append(calendar.month_name[self.month])
        if with_year:
            out.append(str(self.year))
        return " ".join(out)


def parse_date(text: str) -> Date | None:
    """`"2023-11-30"`, `"2023-11"` or `"2023"` as a Date; None if malformed or impossible."""
    m = DATE.match(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        return None
    return Date(year, int(month) if month else None, int(day) if day else None)


def span_words(start: Date, end: Date | None) -> str:
    """ "12–17 September 2023", "24 October–11 November 2024", "March–April 2014"."""
    if end is None:
        return start.words()
    if start.year != end.year:
        return f"{start.words()}–{end.words()}"
    if start.month != end.month or start.day is None:
        return f"{start.words(with_year=False)}–{end.words()}"
    return f"{start.day}–{end.words()}"


@dataclass(frozen=True)
class Event:
    date: Date
    until: Date | None
    approximate: bool
    when: str | None
    title: str
    text: str
    paras: tuple[int, ...]
    terms: tuple[str, ...]
    sources: tuple[str, ...]
    line: int

    @property
    def date_words(self) -> str:
        if self.when:
            return self.when
        words = span_words(self.date, self.until)
        return f"about {words}" if self.approximate else words


@dataclass(frozen=True)
class Timeline:
    path: Path
    article_date: Date
    article_date_exact: bool
    events: tuple[Event, ...]

    def is_later(self, event: Event) -> bool:
        """Did the event happen after the article? (Its earliest possible day is later.)"""
        return event.date.first_day > self.article_date.first_day

    @property
    def before(self) -> list[Event]:
        return [e for e in self.events if not self.is_later(e)]

    @property
    def later(self) -> list[Event]:
        return [e for e in self.events if self.is_later(e)]


def _date(f: Fields, key: str, required: bool) -> Date | None:
    raw = f.text(key, required=required)
    if raw is None:
        return None
    date = parse_date(raw)
    if date is None:
        raise f.error(
            key, f"{key} {raw!r} is not a real date", 'Write it as "YYYY-MM-DD", "YYYY-MM" or "YYYY", in quotes'
        )
    return date


def _ids(f: Fields, key: str, known: Iterable[str] | None, what: str, hint: str) -> tuple[str, ...]:
    ids = f.text_list(key)
    if known is not None:
        known = set(known)
        values = f.data.get(key)
        for i, ident in enumerate(ids):
            if ident not in known:
                line = values.line_of(i) if isinstance(values, LineList) else f.line(key)
                if key == "sources":
                    raise authoring.unknown_source(ident, known, f.path, line, f.what)
                raise ContentError(f.path, line, f"{f.what}: unknown {what} {ident!r}", hint)
    return tuple(ids)


def load_timeline(
    path: str | Path,
    *,
    paragraphs: int,
    terms: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    article_date: str | None = None,
) -> Timeline:
    """Load and check a timeline file.

    paragraphs: how many paragraphs the article has (paras must be 1..n).
    terms / sources: the known glossary and source ids (None: not checked).
    article_date: the manifest's date, used when the file gives none.
    """
    path = Path(path)
    data = load_yaml(path)
    top = Fields(data, path, "timeline")
    top.only(TOP_FIELDS)
    raw_date = top.text("article_date", required=False) or article_date
    if raw_date is None:
        raise top.error(
            None,
            "the article's date is unknown",
            'Add `article_date: "YYYY-MM-DD"` (events after it are marked as later)',
        )
    when = parse_date(raw_date)
    if when is None:
        raise top.error("article_date", f"article_date {raw_date!r} is not a real date", 'Write it as "YYYY-MM-DD"')
    # A date from the manifest is exact; a date given here may be a bound.
    exact = data.get("article_date_exact", True)
    if not isinstance(exact, bool):
        raise top.error("article_date_exact", "article_date_exact must be true or false")

    items = data.get("events")
    if not isinstance(items, list) or not items:
        raise top.error(
            "events", "'events' must be a list with at least one event", "Start each event with `- date: ...`"
        )
    events: list[Event] = []
    for i, item in enumerate(items):
        line = items.line_of(i) if isinstance(items, LineList) else None
        f = Fields(item, path, f"event {i + 1}", line)
        f.only(EVENT_FIELDS)
        start = _date(f, "date", True)
        assert start is not None
        until = _date(f, "until", False)
        if until is not None and until.key(min(until.precision, start.precision)) < start.key(
            min(until.precision, start.precision)
        ):
            raise f.error("until", f"until ({until.iso}) is before date ({start.iso})", "Swap them or fix the typo")
        approximate = f.data.get("approximate", False)
        if not isinstance(approximate, bool):
            raise f.error("approximate", "approximate must be true or false")
        if f.data.get("paras") is not None and not isinstance(f.data.get("paras"), list):
            raise f.error("paras", "paras must be a list of paragraph numbers", "Write it as `paras: [3, 4]`")
        paras = []
        for j, value in enumerate(f.data.get("paras") or []):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= paragraphs:
                pl = f.data["paras"].line_of(j) if isinstance(f.data["paras"], LineList) else f.line("paras")
                raise ContentError(
                    path,
                    pl,
                    f"event {i + 1}: there is no paragraph {value!r}",
                    f"The article has paragraphs 1 to {paragraphs}",
                )
            paras.append(value)
        event = Event(
            date=start,
            until=until,
            approximate=approximate,
            when=f.text("when", required=False),
            title=f.text("title"),
            text=" ".join(f.text("text").split()),
            paras=tuple(paras),
            terms=_ids(f, "terms", terms, "glossary term", "Use a file name from the glossary folder, without .yml"),
            sources=_ids(f, "sources", sources, "source", "Use an id from the sources registry"),
            line=f.line("date"),
        )
        if events:
            prev = events[-1]
            common = min(prev.date.precision, event.date.precision)
            if event.date.key(common) < prev.date.key(common):
                raise f.error(
                    "date",
                    f"events must be in date order: {event.date.iso} comes after {prev.date.iso} (line {prev.line})",
                    "Move this event up to its place in time",
                )
        events.append(event)
    return Timeline(path, when, exact, tuple(events))


# -- HTML -----------------------------------------------------------------------

LATER_LABEL = "After the article"


def article_marker_words(tl: Timeline) -> str:
    if tl.article_date_exact:
        return f"The article is published ({tl.article_date.words()})"
    return f"The article is published: date unknown, on or after {tl.article_date.words()}"


def timeline_html(
    tl: Timeline,
    *,
    para_href: Callable[[int], str],
    term: Callable[[str], tuple[str, str | None]],
    source: Callable[[str], tuple[str, str, str]],
) -> str:
    """One `<ol>` of events with the article's publication in its place.

    term(id) -> (label, href or None); source(id) -> (title, url, status label).
    """
    items: list[str] = []
    marker_done = False
    for event in tl.events:
        later = tl.is_later(event)
        if later and not marker_done:
            items.append(_article_item(tl))
            marker_done = True
        items.append(_event_item(event, later, para_href, term, source))
    if not marker_done:
        items.append(_article_item(tl))
    return '<ol class="tl no-annotate" aria-label="Timeline, oldest first">\n' + "\n".join(items) + "\n</ol>"


def _article_item(tl: Timeline) -> str:
    return (
        f'<li class="tl-item tl-article" id="tl-article"><p class="tl-date">'
        f'<time datetime="{tl.article_date.iso}">{esc(tl.article_date.words())}</time></p>'
        f'<div class="tl-body"><p class="tl-title"><strong>{esc(article_marker_words(tl))}</strong></p>'
        f'<p class="tl-text">{esc(article_marker_note(tl))}</p></div></li>'
    )


def article_marker_note(tl: Timeline) -> str:
    if tl.article_date_exact:
        return "The events below came later: the article could not take them into account."
    return (
        f"The events below came after {tl.article_date.words()}. The article could not take most of them "
        "into account; for the first days after that date we cannot be sure whether it was already out."
    )


def _event_item(event, later, para_href, term, source) -> str:
    cls = "tl-item tl-later" if later else "tl-item"
    anchor = f"tl-{event.date.iso}-{event.line}"
    label = f'<span class="tl-later-label">{LATER_LABEL}</span> ' if later else ""
    parts = [
        f'<li class="{cls}" id="{anchor}">',
        f'<p class="tl-date">{label}<time datetime="{event.date.iso}">{esc(event.date_words)}</time></p>',
        '<div class="tl-body">',
        f'<p class="tl-title"><strong>{esc(event.title)}</strong></p>',
        f'<p class="tl-text">{esc(event.text)}</p>',
    ]
    links = []
    if event.paras:
        paras = ", ".join(f'<a href="{esc(para_href(n))}">¶{n}</a>' for n in event.paras)
        links.append(f'<span class="tl-links-label">In the article:</span> {paras}')
    if event.terms:
        names = []
        for ident in event.terms:
            name, href = term(ident)
            names.append(f'<a href="{esc(href)}">{esc(name)}</a>' if href else esc(name))
        links.append(f'<span class="tl-links-label">Terms:</span> {", ".join(names)}')
    if event.sources:
        cites = []
        for ident in event.sources:
            title, url, status = source(ident)
            cites.append(f'<a href="{esc(url)}">{esc(title)}</a> <span class="tl-status">({esc(status)})</span>')
        links.append(f'<span class="tl-links-label">Sources:</span> {"; ".join(cites)}')
    if links:
        parts.append('<ul class="tl-links">' + "".join(f"<li>{x}</li>" for x in links) + "</ul>")
    parts.append("</div></li>")
    return "".join(parts)
