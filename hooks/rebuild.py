"""Hook: rebuilds skip the work an edit did not touch.

Every build makes a new Jinja environment, so Material's templates (and ours
in overrides/) were compiled afresh on each rebuild of `mkdocs serve`, a
large share of a rebuild's time. Compiled templates are kept here, in memory,
for as long as the process runs: MkDocs loads a hook file once, so the cache
outlives each rebuild. Jinja checks every template's source against the
cached copy (its checksum), so an edited template is compiled again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


class _InMemory(BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the template's checksum changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = _InMemory()


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _compiled
    return env
