"""Finding glossary terms in running text.

Compiled once per build into a trie keyed by normalised word tokens, so the
cost of a search grows with the length of the text, not with the number of
terms: each token costs one dict lookup, plus one more per token of a form
that actually continues there.

Normalisation, token by token: an acronym (NASA, G20, and the plural CPUs)
keeps its case, any other word is lowercased; so "NASA" never matches
"nasa", while "Space Agency" matches "space agency". Between tokens,
a form and the text must have the same separator after normalising runs of
whitespace to one space, hyphens to "-" and apostrophes to "'".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_GLUE = {"-", "\u2010", "\u2011"}  # a hyphen between two words makes one compound


def is_acronym(token: str) -> bool:
    """NASA, G20, P5, and plurals such as CPUs (but not "A" or "Un")."""
    if token.isupper() and len(token) >= 2:
        return True
    return len(token) >= 3 and token.endswith("s") and token[:-1].isupper()


_NORM: dict[str, str] = {}


def norm_token(token: str) -> str:
    # Memoised: running text repeats the same few thousand words.
    out = _NORM.get(token)
    if out is None:
        out = token if is_acronym(token) else token.lower()
        if len(_NORM) < 200_000:
            _NORM[token] = out
    return out


def norm_sep(sep: str) -> str:
    return _SPACE.sub(" ", sep.translate(_HYPHENS))


def form_key(form: str) -> tuple[str, ...]:
    """The key a form is looked up by: tokens and separators, alternating.

    Leading and trailing punctuation is not part of the key ("U.K." is "U.K").
    An empty tuple means the form has no word in it.
    """
    tokens = list(TOKEN.finditer(form))
    key: list[str] = []
    for i, m in enumerate(tokens):
        if i:
            key.append(norm_sep(form[tokens[i - 1].end() : m.start()]))
        key.append(norm_token(m.group()))
    return tuple(key)


def plural_keys(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Plural variants of a form: its last word in the plural."""
    if not key:
        return []
    last = key[-1]
    if is_acronym(last):
        variants = [] if last.endswith("s") and last[:-1].isupper() else [last + "s"]
    elif not last.isalpha():
        variants = []  # "1984", "Apollo-11": no plural
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        variants = [last + "es"]
    elif len(last) > 1 and last.endswith("y") and last[-2] not in "aeiou":
        variants = [last[:-1] + "ies"]
    else:
        variants = [last + "s"]
    return [key[:-1] + (v,) for v in variants]


class _Node:
    __slots__ = ("children", "entry", "explicit")

    def __init__(self) -> None:
        self.children: dict[tuple[str, str], _Node] = {}
        self.entry: str | None = None
        self.explicit = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: str  # entry id
    text: str


class Matcher:
    """All forms of all entries, compiled once. `find(text)` lists matches."""

    def __init__(self) -> None:
        self.root: dict[str, _Node] = {}

    def add(self, key: tuple[str, ...], entry: str, explicit: bool = True) -> None:
        """Add a form of `entry`; an explicit form (term or alias) takes the
        place of a derived one (plural, possessive) that another entry owns."""
        if not key:
            return
        node = self.root.get(key[0])
        if node is None:
            node = self.root[key[0]] = _Node()
        for i in range(1, len(key), 2):
            edge = (key[i], key[i + 1])
            child = node.children.get(edge)
            if child is None:
                child = node.children[edge] = _Node()
            node = child
        if node.entry is None or (explicit and not node.explicit):
            node.entry, node.explicit = entry, explicit

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, left to right, longest first at each word."""
        tokens = [(m.start(), m.end(), norm_token(m.group())) for m in TOKEN.finditer(text)]
        out: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            node = self.root.get(tokens[i][2])
            if node is None:
                i += 1
                continue
            ends: list[tuple[int, str]] = []  # (last token index, entry) of every form ending here
            j = i
            while True:
                if node.entry is not None:
                    ends.append((j, node.entry))
                if j + 1 >= n:
                    break
                sep = norm_sep(text[tokens[j][1] : tokens[j + 1][0]])
                node = node.children.get((sep, tokens[j + 1][2]))
                if node is None:
                    break
                j += 1
            for last, entry in reversed(ends):  # longest first
                start, end = tokens[i][0], tokens[last][1]
                if _free(text, start, end):
                    out.append(Match(start, end, entry, text[start:end]))
                    i = last + 1
                    break
            else:
                i += 1
        return out


def _free(text: str, start: int, end: int) -> bool:
    """Not glued to a hyphenated compound ("CPUs-like", "anti-NASA").

    A possessive after the match ("NASA’s") is fine.
    """
    if end + 1 < len(text) and text[end] in _GLUE and text[end + 1].isalnum():
        return False
    if start >= 2 and text[start - 1] in _GLUE and text[start - 2].isalnum():
        return False
    return True


def compile_forms(forms: Iterable[tuple[str, str]]) -> Matcher:
    """A matcher from (entry id, form) pairs: explicit forms first, then plurals.

    An explicit form always wins over a generated plural of another entry.
    """
    forms = list(forms)
    matcher = Matcher()
    for entry, form in forms:
        matcher.add(form_key(form), entry, explicit=True)
    for entry, form in forms:
        for key in plural_keys(form_key(form)):
            matcher.add(key, entry, explicit=False)
    return matcher
