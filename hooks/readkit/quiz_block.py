"""The `/// quiz` block for pymdown-extensions' Blocks.

The quiz hook validates every block before Markdown runs, renders each
question, and rewrites the block to `/// quiz | <id>`. This block then puts
that question's HTML where the block stood, so a quiz works inside other
blocks (details, tabs, admonitions written as `///` blocks) like any Block.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import util as mutil
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string

from .authoring import esc


@dataclass
class QuizContext:
    """Rendered questions of the page being converted, by id (set by the hook)."""

    html: dict[str, str] = field(default_factory=dict)


class QuizBlock(Block):
    NAME = "quiz"
    ARGUMENT = True  # the question id, written by the hook
    OPTIONS: dict = {}

    def on_markdown(self) -> str:
        return "raw"  # nothing inside is Markdown: the hook already rendered it

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "p")

    def on_end(self, block: etree.Element) -> None:
        context: QuizContext = self.config["context"]
        qid = type_string(self.argument).strip()
        markup = context.html.get(qid)
        if markup is None:
            # Not seen by the hook (e.g. indented in a list): the hook's
            # on_page_content finds this marker and stops the build.
            markup = f'<p class="quiz-unprepared" data-quiz-unprepared="{esc(qid)}"></p>'
        # A paragraph holding only a stash placeholder is swapped for the raw
        # HTML as a block (Python-Markdown's RawHtmlPostprocessor).
        block.clear()
        block.text = mutil.AtomicString(self.md.htmlStash.store(markup))


class QuizExtension(BlocksExtension):
    def __init__(self, context: QuizContext) -> None:
        self.context = context
        super().__init__()

    def extendMarkdownBlocks(self, md, block_mgr) -> None:  # noqa: N802 (pymdownx's name)
        block_mgr.register(QuizBlock, {"context": self.context})
