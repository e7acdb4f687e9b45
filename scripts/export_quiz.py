"""Write every quiz of the site as a QTI 2.1 package and as Moodle GIFT text.

    scripts/export-quiz                 # writes dist/quiz-qti.zip and dist/quiz.gift.txt
    scripts/export-quiz --out somewhere -f path/to/mkdocs.yml

The questions are read from the Markdown pages under docs/ and checked as the
site build checks them: a content error stops the export with path:line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from readkit.errors import ContentError  # noqa: E402
from readkit.quiz_export import collect, gift, qti_zip  # noqa: E402
from readkit.seed import load_reading  # noqa: E402


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its tags (!ENV, !relative, python names) read as plain values."""


def _any_tag(loader: _ConfigLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export the site's quizzes for an LMS (QTI 2.1 and Moodle GIFT).")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    args = parser.parse_args(argv)

    config_file = args.config_file.resolve()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    root = config_file.parent
    try:
        manifest = ((config.get("extra") or {}).get("reading") or {}).get("manifest")
        if not manifest:
            raise ContentError(
                config_file, None, "extra.reading.manifest is not set", "Name the article's manifest there"
            )
        reading = load_reading(root / manifest)
        quizzes = collect(root / config.get("docs_dir", "docs"), reading, root)
    except ContentError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not quizzes:
        print("error: no `/// quiz` blocks found under docs/", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    title = reading.title
    (args.out / "quiz-qti.zip").write_bytes(qti_zip(quizzes, title))
    (args.out / "quiz.gift.txt").write_text(gift(quizzes, title), encoding="utf-8")
    count = sum(len(q.questions) for q in quizzes)
    print(f"Exported {count} questions from {len(quizzes)} pages:")
    print(f"  {args.out / 'quiz-qti.zip'}  (QTI 2.1: Canvas, Blackboard, other QTI importers)")
    print(f"  {args.out / 'quiz.gift.txt'}  (Moodle: Question bank > Import > GIFT format)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
