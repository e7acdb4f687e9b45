"""The glossary: one YAML file per entry in a folder, loaded and checked once.

    glossary/nasa.yml          (the file name is the entry's id)
    term: NASA
    aliases: [US space agency]  # other wordings that reach it
    category: organisation     # see CATEGORIES
    definition: The ...        # a sentence or two; inline Markdown
    note: ...                  # optional, longer; Markdown paragraphs and lists
    sources: [nasa-site]       # ids in the sources registry, at least one
    related: [esa]             # other entries' ids
    mark: first                # optional: first | every | none (default: site-wide)

Every problem stops the build as `path:line: what is wrong. How to fix it.`
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import authoring
from .authoring import ID
from .errors import ContentError
from .terms import Matcher, compile_forms, form_key
from .yamlio import Fields, LineList, load_yaml

CATEGORIES = {
    "organisation": "Organisation",
    "person": "Person",
    "place": "Place",
    "resolution": "Resolution or law",
    "weapon": "Weapon or technology",
    "programme": "Programme",
    "concept": "Concept",
}
MARKS = ["first", "every", "none"]
FIELDS = {"term", "aliases", "category", "definition", "note", "sources", "related", "mark"}


@dataclass
class Entry:
    id: str
    term: str
    aliases: list[str]
    category: str
    definition: str  # Markdown as written
    definition_html: str  # safe inline HTML; `#id` links point at other entries
    note: str | None
    note_html: str | None
    sources: list[str]
    related: list[str]
    mark: str | None  # None: the site-wide policy
    path: str
    line: int
    form_lines: dict[str, int] = field(default_factory=dict, repr=False)
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # field -> line
    related_lines: list[int] = field(default_factory=list, repr=False)

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.aliases]

    @property
    def definition_text(self) -> str:
        return plain_text(self.definition_html)

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def letter(self) -> str:
        """Heading letter in the glossary's A–Z: unaccented first letter, or "#"."""
        for ch in unicodedata.normalize("NFD", self.term):
            if ch.isalpha():
                return ch.upper()
            if ch.isdigit():
                return "#"
        return "#"

    @property
    def sort_key(self) -> tuple[str, str]:
        base = "".join(c for c in unicodedata.normalize("NFD", self.term) if not unicodedata.combining(c))
        return ("" if self.letter == "#" else self.letter, base.casefold())


@dataclass
class Glossary:
    entries: dict[str, Entry]
    matcher: Matcher
    folder: Path

    def alphabetical(self) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda e: e.sort_key)

    def used(self, found: set[str]) -> set[str]:
        """Entries a reader can reach: found in a page, or related to a reachable entry."""
        reached = set(found) & set(self.entries)
        todo = list(reached)
        while todo:
            for other in self.entries[todo.pop()].related:
                if other not in reached:
                    reached.add(other)
                    todo.append(other)
        return reached


# -- Loading -------------------------------------------------------------------


def load_glossary(folder: str | Path, sources: dict, sources_path: str | Path | None = None) -> Glossary:
    """Load every `*.yml` in `folder`; check it against `sources` ({id: Source})."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ContentError(
            folder,
            None,
            "the glossary folder does not exist",
            "Create it with one YAML file per entry, or fix extra.reading.glossary in mkdocs.yml",
        )
    registry = str(sources_path or "the sources registry")
    entries: dict[str, Entry] = {}
    owners: dict[tuple[str, ...], tuple[Entry, str, int, bool]] = {}
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        entry = _load_entry(path, sources, registry)
        for i, form in enumerate(entry.forms):
            key = form_key(form)
            is_term = i == 0
            line = entry.form_lines[form]
            what = "term" if is_term else "alias"
            if not key:
                raise ContentError(
                    path, line, f"{what} {form!r} has no letters or digits", "Write the word as it appears in a text"
                )
            if key in owners and owners[key][0] is not entry:
                other, other_form, other_line, other_is_term = owners[key]
                where = f"{other.path}:{other_line}"
                if is_term and other_is_term:
                    raise ContentError(
                        path,
                        line,
                        f"duplicate term {form!r}: entry '{other.id}' ({where}) has the same term",
                        "Merge the two entries, or make the terms differ",
                    )
                raise ContentError(
                    path,
                    line,
                    f"{what} {form!r} is claimed by two entries: '{entry.id}' and '{other.id}' "
                    f"({where}, as {other_form!r})",
                    "A wording can lead to one entry only (words match regardless of case); keep it in one of them",
                )
            owners.setdefault(key, (entry, form, line, is_term))
        entries[entry.id] = entry
    for entry in entries.values():
        _check_links(entry, entries)
    matcher = compile_forms((e.id, form) for e in entries.values() for form in e.forms)
    return Glossary(entries, matcher, folder)


def _load_entry(path: Path, sources: dict, registry: str) -> Entry:
    data = load_yaml(path)
    eid = path.stem
    if data is None:
        raise ContentError(
            path, 1, "the file is empty", "Write the entry's fields: term, category, definition, sources"
        )
    f = Fields(data, path, f"glossary entry '{eid}'", 1)
    if not ID.match(eid):
        raise ContentError(
            path,
            1,
            f"file name {path.name!r} is not a valid entry id",
            "Name the file with lowercase letters, digits and hyphens, e.g. space-agency.yml",
        )
    f.only(FIELDS)
    term = f.text("term")
    aliases = f.text_list("aliases")
    form_lines = {term: f.line("term")}
    alias_list = data.get("aliases")
    for i, alias in enumerate(aliases):
        line = alias_list.line_of(i) if isinstance(alias_list, LineList) else f.line("aliases")
        form_lines.setdefault(alias, line)
    category = f.choice("category", list(CATEGORIES))
    definition = f.text("definition")
    note = f.text("note", required=False)
    source_ids = f.text_list("sources", required=True)
    authoring.check_sources(source_ids, sources, path, lambda i: _item_line(data, "sources", i, f), f.what, registry)
    related = f.text_list("related")
    mark = f.choice("mark", MARKS, default=None) if "mark" in data else None
    def_html = render_markdown(definition, path, f.line("definition"), inline=True, field=f"{f.what}, definition")
    note_html = render_markdown(note, path, f.line("note"), inline=False, field=f"{f.what}, note") if note else None
    return Entry(
        eid,
        term,
        aliases,
        category,
        definition,
        def_html,
        note,
        note_html,
        source_ids,
        related,
        mark,
        str(path),
        f.line("term"),
        form_lines,
        lines={key: f.line(key) for key in FIELDS},
        related_lines=[_item_line(data, "related", i, f) for i in range(len(related))],
    )


def _item_line(data, key: str, index: int, f: Fields) -> int:
    value = data.get(key)
    return value.line_of(index) if isinstance(value, LineList) else f.line(key)


def _check_links(entry: Entry, entries: dict[str, Entry]) -> None:
    for rid, line in zip(entry.related, entry.related_lines):
        if rid == entry.id:
            raise ContentError(
                entry.path, line, f"entry '{entry.id}' lists itself as related", "Remove it from `related`"
            )
        if rid not in entries:
            raise ContentError(
                entry.path,
                line,
                f"unknown related entry '{rid}'",
                "Use the id of another entry (its file name without .yml)",
            )
    for key, rendered in (("definition", entry.definition_html), ("note", entry.note_html or "")):
        for ref in re.findall(r'href="#([^"]+)"', rendered):
            if ref not in entries:
                raise ContentError(
                    entry.path,
                    entry.lines[key],
                    f"link to '#{ref}' names no glossary entry",
                    "Link another entry as [text](#entry-id)",
                )


# -- Markdown ------------------------------------------------------------------


def render_markdown(text: str, path: str | Path, line: int, inline: bool, field: str | None = None) -> str:
    """A definition (`inline`) or note as safe HTML, by the one authoring policy
    (readkit/authoring.py); glossary text may also link `#entry-id`."""
    return authoring.render_markdown(text, path, line, inline=inline, fragments=True, field=field)


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())
