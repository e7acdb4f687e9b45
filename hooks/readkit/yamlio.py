"""YAML loading that remembers where each mapping, key and list item stands.

Content errors must point at a line, so mappings load as `LineDict` (with
`line` and `key_lines`) and sequences as `LineList` (with `line` and
`item_lines`). Scalars stay plain Python values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, overload

import yaml

from .errors import ContentError


class LineDict(dict):
    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of `key` if present, else the line of the mapping itself."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line


class _Loader(yaml.SafeLoader):
    pass


# libyaml's parser when PyYAML was built with it: several times faster. The
# constructors below are Python either way, so line numbers work with both;
# a syntax error is reported by the pure-Python parser, whose lines are the
# ones the messages were written for.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise ContentError(loader.name, key_node.start_mark.line + 1, "a mapping key must be a plain value")
        if key in result:
            raise ContentError(
                loader.name,
                key_node.start_mark.line + 1,
                f"key '{key}' appears twice in one mapping",
                "Keep one of them",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    # Dates stay strings: a data file's "2023-11-30" is shown as written, and
    # validated where it is used.
    _cls.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def parse_yaml(text: str, path: str | Path) -> Any:
    """Parse YAML text; syntax errors become a `ContentError` at their line."""
    fast = _FastLoader(text)
    fast.name = str(path)
    try:
        return fast.get_single_data()
    except yaml.YAMLError:
        return _parse(_Loader, text, path)  # raises, with the pure parser's line
    finally:
        fast.dispose()


def _parse(cls: type, text: str, path: str | Path) -> Any:
    loader = cls(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except ContentError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise ContentError(
            path, line, f"invalid YAML: {problem}", "Check indentation, quotes and colons on this line"
        ) from None
    except yaml.YAMLError as err:
        raise ContentError(path, None, f"invalid YAML: {err}") from None
    finally:
        loader.dispose()


def read_text(path: str | Path) -> str:
    """A data file's text; a missing or non-UTF-8 file is a `ContentError`
    (the latter at the line of the first byte that is not UTF-8)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(path, None, "file not found", "Create it or fix the path that names it") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ContentError(
            path, line, f"not UTF-8 text (byte 0x{data[err.start]:02x}: {err.reason})", "Save the file as UTF-8"
        ) from None


def load_yaml(path: str | Path) -> Any:
    """Read and parse a YAML file; a missing file is a `ContentError`."""
    return parse_yaml(read_text(path), path)


class _ConfigLoader(_Loader):
    """Reads mkdocs.yml for its lines: MkDocs' own tags (`!ENV`, `!relative`,
    `!!python/name:`) load as None instead of failing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def key_line(path: str | Path, keys: list[str]) -> int | None:
    """The line of the nested key `keys` (e.g. ["extra", "reading", "glossary"])
    in a YAML file such as mkdocs.yml, or of the deepest of them present;
    None when the file cannot be read or parsed (this is for messages only)."""
    try:
        data = _parse(_ConfigLoader, read_text(path), path)
    except ContentError:
        return None
    line = None
    for key in keys:
        if not isinstance(data, LineDict) or key not in data:
            break
        line = data.line_of(key)
        data = data[key]
    return line


class Fields:
    """Typed access to one mapping of a data file, with errors at the right line.

    `Fields(data, path, "glossary entry").text("term")` returns the string or
    raises `path:line: glossary entry: 'term' must be ...`.
    """

    def __init__(self, data: Any, path: str | Path, what: str, line: int | None = None) -> None:
        if not isinstance(data, dict):
            raise ContentError(
                path,
                line or getattr(data, "line", None),
                f"{what} must be a mapping of fields",
                "Write it as `key: value` lines",
            )
        self.data = data
        self.path = str(path)
        self.what = what

    def line(self, key: str | None = None) -> int:
        if key is not None and isinstance(self.data, LineDict):
            return self.data.line_of(key)
        return getattr(self.data, "line", 0)

    def error(self, key: str | None, message: str, hint: str = "") -> ContentError:
        return ContentError(self.path, self.line(key), f"{self.what}: {message}", hint)

    def only(self, allowed: set[str] | list[str]) -> None:
        """Reject keys outside `allowed` (a typo would otherwise pass silently)."""
        for key in self.data:
            if key not in allowed:
                raise self.error(str(key), f"unknown field '{key}'", f"Use one of: {', '.join(sorted(allowed))}")

    @overload
    def text(self, key: str, *, required: Literal[True] = ..., default: str | None = ...) -> str: ...
    @overload
    def text(self, key: str, *, required: bool = ..., default: str) -> str: ...
    @overload
    def text(self, key: str, *, required: bool = ..., default: None = ...) -> str | None: ...

    def text(self, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, f"'{key}' is missing or empty", f"Add `{key}: ...`")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.error(key, f"'{key}' must be text", "Quote it if needed")
        value = str(value).strip()
        if required and not value:
            raise self.error(key, f"'{key}' is empty", f"Give `{key}` a value")
        return value

    def text_list(self, key: str, *, required: bool = False) -> list[str]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, f"'{key}' is missing", f"Add `{key}:` with a list of items")
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.error(key, f"'{key}' must be a list", "Write `- item` lines under it")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, (str, int)) or isinstance(item, bool) or not str(item).strip():
                line = value.line_of(i) if isinstance(value, LineList) else self.line(key)
                raise ContentError(self.path, line, f"{self.what}: item {i + 1} of '{key}' must be non-empty text")
            out.append(str(item).strip())
        if required and not out:
            raise self.error(key, f"'{key}' is empty", "Give it at least one item")
        return out

    def choice(self, key: str, options: list[str], default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value not in options:
            raise self.error(key, f"'{key}' is {value!r}", f"Use one of: {', '.join(options)}")
        return value
