"""What `mkdocs serve` rebuilds reuse, and how the server hears of edits
(the plain code of hooks/rebuild.py, which says what each piece is for).

Nothing here imports MkDocs: each class wraps the MkDocs, Material or Jinja
object the hook hands it (duck-typed), and checks every kept result against
what it was made from, so an edit always shows.
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
from typing import TYPE_CHECKING, Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from .pagepass import PLACEHOLDER

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from jinja2 import Environment

log = logging.getLogger("mkdocs.hooks.rebuild")

# Compiled templates -----------------------------------------------------------


class TemplateCache(BytecodeCache):
    """Compiled templates in memory (Jinja ignores one whose template changed)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the template's checksum changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


# The theme's file list --------------------------------------------------------


def _folder_times(folders: Iterable[str]) -> tuple[tuple[str, int], ...] | None:
    times = []
    for folder in folders:
        try:
            times.append((folder, os.stat(folder).st_mtime_ns))
        except OSError:
            return None
    return tuple(times)


class ThemeListing:
    """env.list_templates, listed again only when a theme folder changed.

    The result depends on the names under the theme folders and on the filter.
    Names change only with a folder's modification time (a file or folder
    added, removed or renamed in it); a new folder changes its parent's time.
    A folder changed less than `settle` seconds before its listing may change
    again within the file system's clock tick, so such a listing is not kept.
    The filter is MkDocs' own (Files.add_files_from_theme), the same code each
    build, whose verdict depends on config.theme.static_templates: both are in
    the key. Any other call is passed through.
    """

    settle = 2.0

    def __init__(self) -> None:
        self.kept: dict[tuple[Any, ...], tuple[tuple[tuple[str, int], ...], list[str]]] = {}

    def wrap(self, env: Environment, static_templates: Iterable[str]) -> None:
        listing = env.list_templates
        search_path = tuple(getattr(env.loader, "searchpath", ()))
        static = tuple(sorted(static_templates))

        def list_templates(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            code = getattr(filter_func, "__code__", None)
            if not search_path or extensions is not None or filter_func is None or code is None:
                return listing(extensions=extensions, filter_func=filter_func)
            key = (search_path, static, code)
            kept = self.kept.get(key)
            if kept is not None and _folder_times(f for f, _ in kept[0]) == kept[0]:
                return list(kept[1])
            names, times = self._list(search_path, listing, filter_func)
            if times is not None:
                self.kept[key] = (times, names)
            else:
                self.kept.pop(key, None)
            return list(names)

        env.list_templates = list_templates  # type: ignore[method-assign]

    def _list(
        self, search_path: tuple[str, ...], listing: Callable[..., list[str]], filter_func: Callable[[str], bool]
    ) -> tuple[list[str], tuple[tuple[str, int], ...] | None]:
        folders = [d for root in search_path for d, _, _ in os.walk(root, followlinks=True)]
        before = _folder_times(folders)
        started = time.time_ns()
        names = listing(filter_func=filter_func)
        after = _folder_times(folders)
        if before is None or before != after:
            return names, None
        if any(started - mtime < self.settle * 1e9 for _, mtime in after):
            return names, None
        return names, after


# Search index entries ---------------------------------------------------------


def _toc_key(toc: Iterable[Any]) -> tuple[Any, ...]:
    return tuple((item.id, item.url, item.title, _toc_key(item.children)) for item in toc)


class SearchEntries:
    """A page's entries in Material's search index, reused while the page is the same.

    Material's SearchIndex.add_entry_from_context(page) reads page.content,
    page.toc, page.url, page.title and page.meta, and the index's own options:
    all of them are the key. Entries of the previous build and of this one are
    kept; older ones are dropped.
    """

    def __init__(self) -> None:
        self.previous: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self.current: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self.parsed = 0
        self.reused = 0

    def new_build(self) -> None:
        self.previous, self.current = {**self.previous, **self.current}, {}
        if len(self.previous) > 4 * max(len(self.current), 64):
            self.previous = {}

    def wrap(self, index: Any) -> None:
        add = index.add_entry_from_context
        options = repr(sorted(getattr(index, "config", {}).items()))

        def add_entry_from_context(page: Any) -> None:
            key = (options, page.url, str(page.title), page.content, repr(page.meta), _toc_key(page.toc))
            entries = self.current.get(key)
            if entries is None:
                entries = self.previous.get(key)
            if entries is not None:
                self.reused += 1
                index.entries.extend(copy.deepcopy(entries))
            else:
                self.parsed += 1
                start = len(index.entries)
                add(page)
                entries = copy.deepcopy(index.entries[start:])
            self.current[key] = entries

        index.add_entry_from_context = add_entry_from_context


# Markdown conversion ----------------------------------------------------------


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# Extensions whose output depends on the page's text and their options alone
# (pymdownx.snippets, which includes other files, and b64, which reads images,
# are not among them): any other extension turns the reuse off.
_MARKDOWN_OWN = frozenset(
    "abbr admonition attr_list codehilite def_list extra fenced_code footnotes legacy_attrs legacy_em md_in_html"
    " meta nl2br sane_lists smarty tables toc wikilinks".split()
)
_PYMDOWNX_PURE = frozenset(
    "arithmatex betterem blocks.admonition blocks.caption blocks.definition blocks.details blocks.html blocks.tab"
    " caret critic details emoji escapeall fancylists highlight inlinehilite keys mark progressbar saneheaders"
    " smartsymbols striphtml superfences tabbed tasklist tilde".split()
)


def _pure(name: str) -> bool:
    if name.startswith("pymdownx."):
        return name.removeprefix("pymdownx.") in _PYMDOWNX_PURE
    return name.removeprefix("markdown.extensions.") in _MARKDOWN_OWN


class Conversions:
    """A page's Markdown conversion (Page.render), reused while its input is the same.

    MkDocs converts a page with a new Markdown instance made from the
    configured extensions, and links are resolved against the site's files.
    So the result depends on the page's Markdown (after every hook's
    on_page_markdown), the page's own file and URL, every file's path, URL
    and inclusion, the extensions and their options, the link validation
    options and whether the log is at debug level: all of them are the key.
    An extension other than those of _MARKDOWN_OWN and _PYMDOWNX_PURE (one
    given as an object, a hook's, one that reads other files) turns the reuse
    off, and so does a conversion that logged anything: it is
    converted again each build, so its warnings are shown (and counted by
    --strict) every time. What a conversion sets on the page is kept: the
    HTML, the table of contents, the title, the anchors the page has and the
    links it makes to other pages' anchors.
    """

    def __init__(self) -> None:
        self.previous: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self.current: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self.files: tuple[Any, tuple[Any, ...]] | None = None
        self.converted = 0
        self.reused = 0

    def new_build(self) -> None:
        self.previous, self.current = {**self.previous, **self.current}, {}
        if len(self.previous) > 4 * max(len(self.current), 64):
            self.previous = {}
        self.files = None

    def _files_key(self, files: Any) -> tuple[Any, ...]:
        if self.files is None or self.files[0] is not files:
            key = tuple((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)
            self.files = (files, key)
        return self.files[1]

    def wrap(self, page: Any, config: Any) -> None:
        if not all(isinstance(name, str) and _pure(name) for name in config.markdown_extensions):
            return
        render = page.render
        options = (
            repr(config.markdown_extensions),
            repr(config.mdx_configs),
            repr(config.validation),
            config.use_directory_urls,
        )

        def render_once(config: Any, files: Any) -> None:
            markdown = page.markdown or ""
            tokens = set(_PLACEHOLDER.findall(markdown))
            if len(tokens) > 1 or _TOKEN in markdown:
                render(config, files)
                return
            token = tokens.pop() if tokens else None
            anchors = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG
            text = markdown.replace(token, _TOKEN) if token else markdown
            key = (text, page.file.src_uri, page.url, anchors, options, self._files_key(files))
            kept = self.current.get(key) or self.previous.get(key)
            if kept is None:
                kept = self._convert(render, page, config, files, token)
                if kept is None:
                    return
            else:
                self.reused += 1
                content, toc, title, ids, links = kept
                page.content = content.replace(_TOKEN, token) if token else content
                page.toc = copy.deepcopy(toc)
                page._title_from_render = title
                page.present_anchor_ids = set(ids)
                if links is not None:
                    page.links_to_anchors = {}
                    for uri, found in links.items():
                        to = files.get_file_from_path(uri)
                        if to is not None:  # always: the files are in the key
                            page.links_to_anchors[to] = dict(found)
            self.current[key] = kept

        page.render = render_once

    def _convert(
        self,
        render: Callable[[Any, Any], None],
        page: Any,
        config: Any,
        files: Any,
        token: str | None,
    ) -> tuple[Any, ...] | None:
        self.converted += 1
        logged = _Logged()
        loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
        for logger in loggers:
            logger.addHandler(logged)
        try:
            render(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(logged)
        links = page.links_to_anchors
        kept = (
            page.content or "",
            copy.deepcopy(page.toc),
            page._title_from_render,
            frozenset(page.present_anchor_ids or ()),
            None if links is None else {to.src_uri: dict(found) for to, found in links.items()},
        )
        if logged.count or _TOKEN in kept[0]:
            return None
        if token:  # the placeholders' token may stand in the HTML, nowhere else
            if token in repr(kept[1:]):
                return None
            kept = (kept[0].replace(token, _TOKEN), *kept[1:])
        return kept


# Fragment placeholders (readkit/pagepass.py, Fragments.put) carry a token new
# on every build: the conversion is kept with the token replaced by _TOKEN,
# which is not a token (not hex), and the next build's token is put back.
_PLACEHOLDER = PLACEHOLDER
_TOKEN = "rebuild-placeholder-token"


# The file watcher -------------------------------------------------------------


class Changes:
    """What MkDocs' watch callback is given: the events that change files.

    The native observer also reports files being opened and read, which each
    build does to the watched folders (a rebuild would start another). MkDocs
    ignores folder events; a folder created, moved or deleted is passed on as
    a change under it, as polling reports each file in such a folder.
    """

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    def dispatch(self, event: Any) -> None:
        if event.event_type not in _CHANGES:
            return
        if event.is_directory:
            if event.event_type not in _FOLDER_CHANGES:  # a folder "modified": a file in it was, reported as such
                return
            from watchdog.events import FileModifiedEvent

            event = FileModifiedEvent(event.src_path)
        self.handler.dispatch(event)


_CHANGES = frozenset({"created", "modified", "attrib", "moved", "deleted", "closed"})
_FOLDER_CHANGES = frozenset({"created", "moved", "deleted"})


def _change_filter() -> list[Any]:
    from watchdog import events

    return [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileAttribEvent,  # a touch: polling sees a new modification time
        events.FileMovedEvent,
        events.FileDeletedEvent,
        events.FileClosedEvent,
        events.DirCreatedEvent,
        events.DirMovedEvent,
        events.DirDeletedEvent,
    ]


class Watch:
    """What Watcher.schedule returns, for LiveReloadServer.unwatch: the same whichever observer runs."""

    def __init__(self, handler: Changes, path: str, recursive: bool) -> None:
        self.handler = handler
        self.path = path
        self.is_recursive = recursive
        self.scheduled: Any = None  # the observer's own watch


class Watcher:
    """The operating system's file events, else MkDocs' polling.

    Stands in for LiveReloadServer.observer (schedule, unschedule, start,
    stop, join). Every watch is scheduled on the native observer, asking only
    for the events that change files; if it cannot start (no inotify, a watch
    or instance limit reached), the same watches go to a polling observer as
    MkDocs would have used.
    """

    def __init__(self, native: Any, polling: Callable[[], Any]) -> None:
        self.native = native
        self.polling = polling
        self.active = native
        self.watches: list[Watch] = []
        self.lock = threading.Lock()

    def _schedule(self, watch: Watch) -> None:
        if self.active is self.native:
            watch.scheduled = self.native.schedule(
                watch.handler, watch.path, recursive=watch.is_recursive, event_filter=_change_filter()
            )
        else:
            watch.scheduled = self.active.schedule(watch.handler, watch.path, recursive=watch.is_recursive)

    def schedule(self, handler: Any, path: str, *, recursive: bool = False) -> Watch:
        with self.lock:
            watch = Watch(Changes(handler), path, recursive)
            try:
                self._schedule(watch)
            except Exception as error:
                if self.active is not self.native:
                    raise
                self._fall_back(error)
                self._schedule(watch)
            self.watches.append(watch)
            return watch

    def unschedule(self, watch: Watch) -> None:
        with self.lock:
            self.watches.remove(watch)
            self.active.unschedule(watch.scheduled)

    def start(self) -> None:
        with self.lock:
            if self.active is self.native:
                try:
                    self.native.start()
                    return
                except Exception as error:
                    self._fall_back(error)
            self.active.start()

    def _fall_back(self, error: Exception) -> None:
        log.info(f"File events unavailable ({error}); polling for changes instead")
        try:
            self.native.unschedule_all()
        except Exception:  # the native observer is given up either way
            pass
        self.active = self.polling()
        for watch in self.watches:
            self._schedule(watch)

    def stop(self) -> None:
        self.active.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.active.is_alive():
            self.active.join(timeout)

    def is_alive(self) -> bool:
        return bool(self.active.is_alive())


def use_file_events(server: Any) -> bool:
    """Move the server's watches to a Watcher; False if left as it was."""
    polling = server.observer
    if os.environ.get("READING_WATCH", "").strip().lower() == "poll" or polling.is_alive():
        return False
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        native = Observer()
    except Exception as error:  # any failure leaves MkDocs' polling in place
        log.info(f"File events unavailable ({error}); polling for changes")
        return False
    if isinstance(native, PollingObserver):
        return False
    timeout = polling.timeout
    watcher = Watcher(native, lambda: PollingObserver(timeout=timeout))
    refs: dict[str, Any] = server._watch_refs
    moved = list(refs.items())  # docs_dir and mkdocs.yml: config.watch comes after on_serve
    server.observer = watcher
    for path, watch in moved:
        polling.unschedule(watch)
        count = server._watched_paths.pop(path)
        del refs[path]
        server.watch(path, recursive=watch.is_recursive)
        server._watched_paths[path] = count
    return True
