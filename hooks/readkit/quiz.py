"""Quiz questions: find quiz blocks in a page's Markdown, parse their YAML
body and validate it, with every error at the page file's own line.

A block looks like this (the body is YAML; see the README for every field):

    <!-- quiz
    id: sanctions-2
    type: single            # single | multiple | truefalse | numeric | ordering
    prompt: Which body adopted the resolutions the article cites?
    paras: [4]
    options:
      - text: The UN Security Council
        correct: true
        feedback: Right: ...
      - text: The UN General Assembly
        feedback: No: ...
    explanation: ...
    -->

An HTML comment, `<!-- quiz` and `-->` each alone on a line: a Markdown
renderer that runs without our hooks (another generator reading mkdocs.yml)
shows nothing of it, answers included. The older form, `/// quiz` ... `///`
(a pymdownx block), is read alike, but such a renderer prints its YAML as
page text; `to_comment_form` rewrites a page from that form.

pymdown-extensions' Blocks turn an invalid block into plain text without a
word, so the hook validates every block here, before Markdown runs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from . import authoring
from .authoring import ID
from .errors import ContentError
from .markers import masked
from .yamlio import Fields, LineDict, LineList, parse_yaml

TYPES = ("single", "multiple", "truefalse", "numeric", "ordering")
# The same rules as pymdownx.blocks: up to 3 spaces, 3+ slashes, the name, an
# optional `| argument`; the block ends at a line of exactly as many slashes.
START = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>/{3,})[ ]*(?P<name>quiz)(?![\w-])[ ]*(?P<rest>[^\n]*)$", re.M | re.I
)
# The comment form: `<!-- quiz` alone on its line, closed by a line `-->`.
COMMENT_START = re.compile(r"^(?P<indent>[ ]{0,3})<!--[ ]*quiz(?![\w:-])[ ]*(?P<rest>[^\n]*)$", re.M | re.I)
COMMENT_END = re.compile(r"^[ ]{0,3}-->[ ]*$", re.M)
# Indented further, it would stay a comment nobody sees: the question lost without a word.
COMMENT_INDENTED = re.compile(r"^(?:[ ]{4,}|[ ]*\t[ \t]*)<!--[ ]*quiz(?![\w:-])", re.M | re.I)
BLOCK_FENCE = "///"  # what the hook hands to pymdownx for either form
COMMON = {"id", "type", "prompt", "paras", "explanation", "critical"}
FIELDS = {
    "single": COMMON | {"options"},
    "multiple": COMMON | {"options"},
    "truefalse": COMMON | {"answer", "feedback_true", "feedback_false"},
    "numeric": COMMON | {"answer", "tolerance", "unit", "mistakes", "feedback"},
    "ordering": COMMON | {"items"},
}
OPTION_FIELDS = {"text", "correct", "feedback"}
MISTAKE_FIELDS = {"answer", "feedback"}


@dataclass(frozen=True)
class Option:
    key: str  # "a", "b", ... in the authored order ("true"/"false" for true/false)
    text: str  # Markdown
    correct: bool
    feedback: str | None


@dataclass(frozen=True)
class Mistake:
    """A wrong numeric answer worth its own feedback (e.g. a slipped zero)."""

    answer: float
    feedback: str


@dataclass
class Question:
    id: str
    type: str
    prompt: str  # Markdown
    paras: tuple[int, ...]
    explanation: str  # Markdown
    path: str
    line: int  # the `/// quiz` line in the page file
    critical: bool = False
    options: tuple[Option, ...] = ()  # single, multiple, truefalse
    answer: float | None = None  # numeric
    tolerance: float = 0.0
    unit: str | None = None
    mistakes: tuple[Mistake, ...] = ()
    feedback: str | None = None  # numeric: shown for any other wrong number
    items: tuple[str, ...] = ()  # ordering, in the correct order
    page: str = field(default="", compare=False)  # docs-relative source path
    # For messages: the page-file line of each top-level field, and every piece
    # of author text with its own line (what `texts` returns, field by field).
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    text_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    def line_of(self, key: str) -> int:
        """The line of field `key` in the page file (the `/// quiz` line if unknown)."""
        return self.field_lines.get(key, self.line)

    @property
    def correct_options(self) -> list[Option]:
        return [o for o in self.options if o.correct]

    def display_order(self) -> list[int]:
        """Ordering items as shown: a shuffle fixed by the id (the same on screen,
        on paper and in every build), never already in the right order."""
        n = len(self.items)
        seed = int(hashlib.sha256(self.id.encode()).hexdigest(), 16)
        order = list(range(n))
        for i in range(n - 1, 0, -1):  # Fisher-Yates driven by the hash
            seed, j = divmod(seed, i + 1)
            order[i], order[j] = order[j], order[i]
        if n > 1 and order == sorted(order):
            order = order[1:] + order[:1]
        return order


@dataclass(frozen=True)
class Block:
    """One `/// quiz` block found in a page's Markdown."""

    start: int  # offsets of the whole block (header to closing fence) in the text
    end: int
    line: int  # line of the header, 1-based, in the text given to find_blocks
    indent: str
    fence: str
    rest: str  # anything after `quiz` on the header line
    body: str
    body_line: int  # line of the body's first line


def find_blocks(markdown: str, path: str, line_offset: int = 0) -> list[Block]:
    """Every `/// quiz` block outside fenced code, with its body and lines."""
    text = masked(markdown)
    stray = COMMENT_INDENTED.search(text)
    if stray is not None:
        raise ContentError(
            path,
            text.count("\n", 0, stray.start()) + 1 + line_offset,
            "a `<!-- quiz` comment is indented, so it would stay hidden",
            "Start it at the beginning of a line (not inside a list or an indented block)",
        )
    blocks: list[Block] = []
    pos = 0
    while True:
        m = START.search(text, pos)
        c = COMMENT_START.search(text, pos)
        if c is not None and (m is None or c.start() < m.start()):
            block = _comment_block(markdown, text, c, path, line_offset)
            blocks.append(block)
            pos = block.end
            continue
        if m is None:
            return blocks
        line = text.count("\n", 0, m.start()) + 1 + line_offset
        fence = m.group("fence")
        end_re = re.compile(rf"^[ ]{{0,3}}{fence}[ ]*$", re.M)
        body_start = min(m.end() + 1, len(text))
        end = end_re.search(text, body_start)
        if end is None:
            raise ContentError(
                path,
                line,
                f"the quiz block opened here has no closing `{fence}` line",
                f"End the block with a line of exactly {len(fence)} slashes",
            )
        body = markdown[body_start : end.start()]
        blocks.append(
            Block(m.start(), end.end(), line, m.group("indent"), fence, m.group("rest").strip(), body, line + 1)
        )
        pos = end.end()


def _comment_block(markdown: str, text: str, m: re.Match[str], path: str, line_offset: int) -> Block:
    """A `<!-- quiz ... -->` block (found by COMMENT_START at `m`)."""
    line = text.count("\n", 0, m.start()) + 1 + line_offset
    rest = m.group("rest").strip()
    if rest.endswith("-->"):
        raise ContentError(
            path,
            line,
            "a quiz comment must end on a line of its own",
            "Put the question's YAML on the lines after `<!-- quiz` and close it with a line `-->`",
        )
    body_start = min(m.end() + 1, len(text))
    end = COMMENT_END.search(text, body_start)
    if end is None:
        raise ContentError(
            path,
            line,
            "the quiz comment opened here has no closing `-->` line",
            "End the block with a line holding only `-->`",
        )
    body = markdown[body_start : end.start()]
    inside = text[body_start : end.start()]
    closes = [i for i in (inside.find("-->"), inside.find("--!>")) if i >= 0]
    if closes:
        at = line + 1 + inside[: min(closes)].count("\n")
        raise ContentError(
            path,
            at,
            "a quiz comment cannot contain `-->`: the comment would end there",
            "Write the arrow another way, e.g. →",
        )
    return Block(m.start(), end.end(), line, m.group("indent"), BLOCK_FENCE, rest, body, line + 1)


def to_comment_form(markdown: str, path: str = "page") -> str:
    """The page with every `/// quiz` block rewritten as `<!-- quiz` ... `-->`:
    only the opening and closing lines change, so lines and questions stay."""
    out: list[str] = []
    last = 0
    for block in find_blocks(markdown, path):
        if block.fence == BLOCK_FENCE and markdown.startswith("<!--", block.start + len(block.indent)):
            continue  # already a comment
        if block.rest or "-->" in block.body or "--!>" in block.body:
            raise ContentError(
                path,
                block.line,
                "this quiz block cannot become a comment as it stands",
                "Remove the text after `/// quiz` or any `-->` in its body first",
            )
        closing = markdown.rindex(block.fence, block.start, block.end)
        out += [
            markdown[last : block.start],
            f"{block.indent}<!-- quiz\n",
            block.body,
            markdown[markdown.rindex("\n", block.start, closing) + 1 : closing].replace(block.fence, ""),
            "-->",
            markdown[closing + len(block.fence) : block.end],
        ]
        last = block.end
    out.append(markdown[last:])
    return "".join(out)


def parse_block(block: Block, path: str) -> Question:
    """Parse and check one block's YAML (everything but cross-page checks)."""
    if block.rest:
        raise ContentError(
            path,
            block.line,
            f"unexpected text after `{block.fence} quiz`: {block.rest!r}",
            "Write the question in the block's body, e.g. `prompt: ...`, and leave the first line as it is",
        )
    body = block.body
    if not body.strip():
        raise ContentError(
            path,
            block.line,
            "the quiz block is empty",
            "Give it at least `id`, `type`, `prompt`, `paras` and `explanation`",
        )
    first = next(line for line in body.splitlines() if line.strip())
    if len(first) - len(first.lstrip(" ")) >= 4:
        # pymdownx would read indented lines after the header as block options.
        raise ContentError(
            path,
            block.body_line,
            "the quiz's YAML is indented by 4 spaces or more",
            "Start the body's lines at the left margin, like the `/// quiz` line",
        )
    # Padding with blank lines makes YAML's line numbers the page file's.
    data = parse_yaml("\n" * (block.body_line - 1) + textwrap.dedent(body), path)
    if not isinstance(data, LineDict):
        raise ContentError(
            path,
            block.body_line,
            "a quiz's body must be YAML fields (`key: value` lines)",
            "Start with `id: some-id` and `type: single`",
        )
    q = parse_question(data, path, block.line)
    _check_markdown(q, data, path)
    q.field_lines = dict(data.key_lines)
    q.text_lines = tuple(
        (str(value).strip(), line)
        for _, value, line, _ in _markdown_fields(data)
        if value is not None and not isinstance(value, bool)
    )
    return q


def parse_question(data: LineDict, path: str, line: int) -> Question:
    f = Fields(data, path, "quiz")
    qid = f.text("id")
    if not ID.match(qid):
        raise f.error(
            "id",
            f"question id {qid!r} must be lowercase letters, digits and hyphens",
            "For example `id: sanctions-3`; the id keys the student's saved progress, so keep it stable",
        )
    f = Fields(data, path, f"question '{qid}'")
    kind = f.choice("type", list(TYPES))
    f.only(FIELDS[kind])
    q = Question(
        id=qid,
        type=kind,
        prompt=f.text("prompt"),
        paras=_paras(f),
        explanation=f.text("explanation"),
        path=path,
        line=line,
        critical=_bool(f, "critical", False),
    )
    if kind in ("single", "multiple"):
        q.options = _options(f, kind)
    elif kind == "truefalse":
        answer = data.get("answer")
        if not isinstance(answer, bool):
            raise f.error(
                "answer",
                "a true/false question needs `answer: true` or `answer: false`",
                "Say whether the statement in `prompt` is true",
            )
        q.options = (
            Option("true", "True", answer is True, f.text("feedback_true", required=False)),
            Option("false", "False", answer is False, f.text("feedback_false", required=False)),
        )
    elif kind == "numeric":
        q.answer = _number(f, "answer", required=True)
        q.tolerance = _number(f, "tolerance", required=False) or 0.0
        if q.tolerance < 0:
            raise f.error(
                "tolerance", "tolerance must be 0 or more", "It is how far from `answer` still counts as right"
            )
        q.unit = f.text("unit", required=False)
        q.feedback = f.text("feedback", required=False)
        q.mistakes = _mistakes(f, q)
    else:
        q.items = tuple(f.text_list("items", required=True))
        if len(q.items) < 3:
            raise f.error("items", "an ordering question needs at least 3 items", "List them in the correct order")
        seen: dict[str, int] = {}
        for i, item in enumerate(q.items):
            if item in seen:
                raise ContentError(
                    path,
                    data["items"].line_of(i),
                    f"question '{qid}': item {i + 1} repeats item {seen[item] + 1} ({item!r})",
                    "Each item of an ordering question must be different",
                )
            seen[item] = i
    return q


def check_paras(q: Question, data_paras: int, path: str) -> None:
    """Every paragraph a question names exists in the article (1..data_paras)."""
    for n in q.paras:
        if not 1 <= n <= data_paras:
            raise ContentError(
                path,
                q.line_of("paras"),
                f"question '{q.id}' names paragraph {n}, which does not exist",
                f"The article has paragraphs 1 to {data_paras}; use their numbers in `paras:`",
            )


ARTICLE_QUOTE = re.compile(r"“([^”]+)”")


def texts(q: Question) -> list[str]:
    """Every piece of author text in a question."""
    out = [q.prompt, q.explanation, q.feedback or "", *q.items]
    out += [t for o in q.options for t in (o.text, o.feedback or "")]
    return out + [m.feedback for m in q.mistakes]


def check_quotes(q: Question, locate, path: str) -> None:
    """Text in “curly double quotes” quotes the article: it must be there word
    for word (`locate(quote)` is `Reading.locate`). Other sources are quoted
    with ‘single’ or "straight" quotes, which are not checked."""
    for text, line in q.text_lines or [(text, q.line) for text in texts(q)]:
        for m in ARTICLE_QUOTE.finditer(text):
            if not locate(m.group(1)):
                raise ContentError(
                    path,
                    line,
                    f"question '{q.id}' quotes “{m.group(1)}”, which is not in the article",
                    "Copy the words exactly from the article (curly apostrophes included), or quote "
                    "another source with ‘single’ quotes",
                )


def check_unique(questions: list[Question]) -> None:
    """Question ids are unique across the whole site (they key saved progress)."""
    seen: dict[str, Question] = {}
    for q in questions:
        if q.id in seen:
            first = seen[q.id]
            raise ContentError(
                q.path,
                q.line_of("id"),
                f"question id '{q.id}' is already used at {first.path}:{first.line_of('id')}",
                "Give every question its own id",
            )
        seen[q.id] = q


# -- Field helpers ------------------------------------------------------------


def _markdown_fields(data: LineDict) -> list[tuple[str, object, int, bool]]:
    """(field name, value, line, inline) of every Markdown field of a question's YAML."""
    out: list[tuple[str, object, int, bool]] = []
    for key in ("prompt", "feedback", "feedback_true", "feedback_false"):
        if key in data:
            out.append((key, data[key], data.line_of(key), True))
    if "explanation" in data:
        out.append(("explanation", data["explanation"], data.line_of("explanation"), False))
    for key, subkeys in (("options", ("text", "feedback")), ("mistakes", ("feedback",))):
        items = data.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            for sub in subkeys:
                if isinstance(item, LineDict) and sub in item:
                    out.append((f"{key}[{i + 1}].{sub}", item[sub], item.line_of(sub), True))
    items = data.get("items")
    if isinstance(items, LineList):
        out += [(f"items[{i + 1}]", item, items.line_of(i), True) for i, item in enumerate(items)]
    return out


def _check_markdown(q: Question, data: LineDict, path: str) -> None:
    """Every Markdown field meets the one authoring policy (readkit/authoring.py),
    checked on its rendered HTML; a refusal names the field's own line. Quiz
    text renders on several pages, so links go to full https:// addresses only
    (point at the article with `paras:`)."""
    for name, value, line, inline in _markdown_fields(data):
        text = str(value).strip() if value is not None and not isinstance(value, bool) else ""
        if text:
            authoring.render_markdown(text, path, line, inline=inline, field=f"question '{q.id}', {name}")


def _bool(f: Fields, key: str, default: bool) -> bool:
    value = f.data.get(key, default)
    if not isinstance(value, bool):
        raise f.error(key, f"'{key}' must be true or false")
    return value


def _number(f: Fields, key: str, *, required: bool) -> float | None:
    value = f.data.get(key)
    if value is None:
        if required:
            raise f.error(key, f"a numeric question needs `{key}:` (a number)", f"Add `{key}: 400`, for example")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise f.error(
            key,
            f"'{key}' must be a number, not {value!r}",
            "Write digits only, e.g. 400 or 2.5, without units or commas",
        )
    return float(value)


def _paras(f: Fields) -> tuple[int, ...]:
    value = f.data.get("paras")
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not value:
        raise f.error(
            "paras",
            "every question must name the paragraph(s) that answer it",
            "Add `paras: [4]` (or `[4, 5]`) with the article's paragraph numbers",
        )
    out = []
    for i, n in enumerate(value):
        if isinstance(n, bool) or not isinstance(n, int):
            line = value.line_of(i) if isinstance(value, LineList) else f.line("paras")
            raise ContentError(
                f.path,
                line,
                f"{f.what}: paragraph reference {n!r} is not a number",
                "Use the paragraph numbers shown in the margin, e.g. `paras: [4, 5]`",
            )
        out.append(n)
    return tuple(out)


def _options(f: Fields, kind: str) -> tuple[Option, ...]:
    raw = f.data.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        raise f.error(
            "options", "a choice question needs at least 2 options", "List them under `options:` as `- text: ...`"
        )
    if len(raw) > 26:
        raise f.error("options", "a question can have at most 26 options (A to Z)")
    options = []
    for i, item in enumerate(raw):
        line = raw.line_of(i) if isinstance(raw, LineList) else f.line("options")
        of = Fields(item, f.path, f"{f.what}, option {i + 1}", line)
        of.only(OPTION_FIELDS)
        options.append(
            Option(chr(ord("a") + i), of.text("text"), _bool(of, "correct", False), of.text("feedback", required=False))
        )
    right = [o for o in options if o.correct]
    if not right:
        raise f.error("options", "no option is marked correct", "Mark the right option with `correct: true`")
    if kind == "single" and len(right) > 1:
        letters = ", ".join(o.key.upper() for o in right)
        raise f.error(
            "options",
            f"it is single choice, but options {letters} are all marked correct",
            "Keep `correct: true` on one option, or use `type: multiple`",
        )
    texts = [o.text for o in options]
    for i, text in enumerate(texts):
        if text in texts[:i]:
            raise ContentError(
                f.path,
                raw.line_of(i) if isinstance(raw, LineList) else f.line("options"),
                f"{f.what}: option {i + 1} repeats an earlier option ({text!r})",
                "Make every option different",
            )
    return tuple(options)


def _mistakes(f: Fields, q: Question) -> tuple[Mistake, ...]:
    raw = f.data.get("mistakes")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise f.error("mistakes", "'mistakes' must be a list", "Write `- answer: 40` and `feedback: ...` items")
    out = []
    for i, item in enumerate(raw):
        line = raw.line_of(i) if isinstance(raw, LineList) else f.line("mistakes")
        mf = Fields(item, f.path, f"{f.what}, mistake {i + 1}", line)
        mf.only(MISTAKE_FIELDS)
        value = _number(mf, "answer", required=True)
        assert value is not None and q.answer is not None
        if abs(value - q.answer) <= q.tolerance:
            raise mf.error(
                "answer",
                f"{value:g} would count as right (answer {q.answer:g} ± {q.tolerance:g})",
                "A mistake must lie outside the tolerance",
            )
        out.append(Mistake(value, mf.text("feedback")))
    return tuple(out)


def load_page(markdown: str, path: str | Path, page: str, line_offset: int = 0) -> list[Question]:
    """Every question of one page, parsed and checked (paragraph refs aside)."""
    return [
        dataclasses.replace(_parsed(block, str(path)), page=page)
        for block in find_blocks(markdown, str(path), line_offset)
    ]


@functools.lru_cache(maxsize=1024)
def _parsed(block: Block, path: str) -> Question:
    # Pages are read more than once a build (the quiz pages, the whole reading,
    # the exports); callers get copies, so the cached question never changes.
    return parse_block(block, path)
