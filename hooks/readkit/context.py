"""The build context: everything one build knows, loaded once, in one object.

`load(config)` reads the manifest and seed, the sources registry, the
glossary, the claims and notes, the timeline and the shell figures named
under `extra: reading:` in mkdocs.yml, through the file-time cache
(`site.cached`), so `mkdocs serve` reloads only what an edit touched. Hooks
read from the object and never load another hook's data again.

Each hook also registers here, once per build, what it adds to a page:

- a feature (`add_feature`): its marker namespace and handlers, plus what it
  puts at the page's start or end, the checks it makes once the page is
  expanded, and what it does to the finished HTML. The one marker pass
  (readkit.pagepass) runs them all over the page's own text;
- an annotator (`add_annotator`): its part of the one annotation pass
  (readkit.annotate) over the article's prose.

Per-page work (the page's fragments) lives in `pages`, from the marker pass
to the end of on_page_content. Nothing here imports MkDocs: `config` is
duck-typed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import edition as editions
from .claims import Claim, Note, load_claims, load_notes
from .glossary import MARKS, Glossary, load_glossary
from .pagepass import Feature, PageInfo
from .quiz import Question
from .seed import Reading
from .shells import ShellData, load_shells
from .site import Settings, cached, reading_of, settings, sources_of
from .sources import Source
from .timeline import Timeline, load_timeline
from .usage import Use, scan_citations

FeatureFactory = Callable[[PageInfo], Feature | None]
AnnotatorFactory = Callable[[PageInfo], Any]


@dataclass
class QuizBank:
    """Every page's questions (read by the quiz hook from the file list, in on_files)."""

    by_page: dict[str, list[Question]] = field(default_factory=dict)
    mode: dict[str, str] = field(default_factory=dict)  # page -> practice | check
    progress_page: str | None = None  # the page with `<!-- quiz:progress -->`


@dataclass
class BuildContext:
    settings: Settings
    reading: Reading
    edition: editions.Edition
    sources: dict[str, Source]
    glossary: Glossary | None
    glossary_mark: str
    glossary_page: str  # its path in docs/
    sources_page: str
    claims: list[Claim] | None  # None: no claims or notes configured
    notes: list[Note]
    timeline: Timeline | None
    shells: ShellData | None
    quiz: QuizBank = field(default_factory=QuizBank)
    features: dict[str, FeatureFactory] = field(default_factory=dict)
    annotators: dict[str, AnnotatorFactory] = field(default_factory=dict)
    pages: dict[str, Any] = field(default_factory=dict)  # page -> its fragments (pagepass.Fragments)
    terms_found: set[str] = field(default_factory=set)  # glossary entries met on some page
    bundle: Any = None  # what the assets hook bundles (readkit.bundle.Plan)
    _other_citations: dict[str, list[Use]] | None = None
    _occurrences: dict[str, list[int]] | None = None

    # -- Registration ------------------------------------------------------------

    def add_feature(self, namespace: str, factory: FeatureFactory) -> None:
        """What a hook adds to pages: `factory(page)` gives that page's Feature (or None)."""
        self.features[namespace] = factory

    def add_annotator(self, name: str, factory: AnnotatorFactory) -> None:
        """A provider for the annotation pass: `factory(page)` gives it (or None for no part)."""
        self.annotators[name] = factory

    # -- Derived data ----------------------------------------------------------

    @property
    def citations_on(self) -> bool:
        return self.claims is not None

    def term_occurrences(self) -> dict[str, list[int]]:
        """Glossary entry id -> the article paragraphs it occurs in."""
        if self._occurrences is None:
            from .glossary_html import occurrences

            self._occurrences = occurrences(self.glossary, self.reading.paragraphs) if self.glossary else {}
        return self._occurrences

    def other_citations(self) -> dict[str, list[Use]]:
        """Sources cited by the data files other than claims, notes and the registry."""
        if self._other_citations is None:
            s = self.settings
            own = {p for p in (s.path("claims"), s.path("notes"), s.path("sources")) if p is not None}
            deps = [
                p for k, v in s.options.items() if isinstance(v, str) and (p := s.path(k)) is not None and p not in own
            ]
            self._other_citations = cached("other-citations", deps, lambda: scan_citations(s, own))
        return self._other_citations


def load(config: Any) -> BuildContext:
    """Everything the build needs from mkdocs.yml and the data files it names."""
    s = settings(config)
    reading = reading_of(s)
    which = editions.load(s.options, os.environ, s.config_file)
    sources = sources_of(s)
    glossary = _glossary(s, sources)
    claims, notes = _citations(s, reading, sources)
    return BuildContext(
        settings=s,
        reading=reading,
        edition=which,
        sources=sources,
        glossary=glossary,
        glossary_mark=_mark(s),
        glossary_page=_page_option(s, "glossary_page", "glossary.md"),
        sources_page=_page_option(s, "sources_page", "sources.md"),
        claims=claims,
        notes=notes,
        timeline=_timeline(s, reading, glossary, sources),
        shells=_shells(s, reading, sources),
    )


# -- Loaders (each through the file-time cache) ----------------------------------


def _glossary(s: Settings, sources: dict[str, Source]) -> Glossary | None:
    folder = s.path("glossary")
    if folder is None:
        return None
    sources_path = s.path("sources")
    deps = [folder] + ([sources_path] if sources_path else [])
    return cached(f"glossary:{folder}", deps, lambda: load_glossary(folder, sources, sources_path))


def _mark(s: Settings) -> str:
    mark = s.options.get("glossary_mark", "first")
    if mark not in MARKS:
        raise s.error("glossary_mark", f"extra.reading.glossary_mark is {mark!r}", f"Use one of: {', '.join(MARKS)}")
    return str(mark)


def _page_option(s: Settings, key: str, default: str) -> str:
    return str(s.options.get(key, default))


def _citations(s: Settings, reading: Reading, sources: dict[str, Source]) -> tuple[list[Claim] | None, list[Note]]:
    claims_path, notes_path = s.path("claims"), s.path("notes")
    if claims_path is None and notes_path is None:
        return None, []
    if not sources:
        raise s.error(
            "sources", "claims and notes need a sources registry", "Set `extra: reading: sources:` in mkdocs.yml"
        )
    deps = [p for p in (claims_path, notes_path, s.path("sources"), reading.manifest_path, reading.seed_path) if p]

    def load_both() -> tuple[list[Claim], list[Note]]:
        claims = load_claims(claims_path, reading, sources) if claims_path else []
        notes = load_notes(notes_path, reading, sources) if notes_path else []
        return claims, notes

    return cached(f"citations:{claims_path}:{notes_path}", deps, load_both)


def _timeline(s: Settings, reading: Reading, glossary: Glossary | None, sources: dict) -> Timeline | None:
    path = s.path("timeline")
    if path is None:
        return None
    deps = [path, reading.manifest_path] + [p for p in (s.path("glossary"), s.path("sources")) if p]
    return cached(
        f"timeline:{path}",
        deps,
        lambda: load_timeline(
            path,
            paragraphs=len(reading.paragraphs),
            # Without a glossary or registry, any id given is unknown (not silently unchecked).
            terms=glossary.entries if glossary is not None else set(),
            sources=sources,
            article_date=reading.date,
        ),
    )


def _shells(s: Settings, reading: Reading, sources: dict) -> ShellData | None:
    path = s.path("shells")
    if path is None:
        return None
    deps = [path, reading.manifest_path] + [p for p in (s.path("sources"),) if p]
    return cached(f"shells:{path}", deps, lambda: load_shells(path, locate=reading.locate, sources=sources))
