"""What glossary terms cost a build.

    python bench/bench_glossary.py                # both pairs, 3 rounds each
    python bench/bench_glossary.py --rounds 5 --pages 1000
    python bench/bench_glossary.py --only synthetic   # or: real
    python bench/bench_glossary.py --smoke   # one round, 5 pages, no warm-up: checks it runs

Two pairs of full `mkdocs build`s, each pair alternating its two builds so
machine noise hits both alike; it prints the medians of CPU time (user +
system of the build process: steadier than wall time when the machine is
busy) and their ratio, and the wall-time ratio for reference.

1. Synthetic: a generated article of N sections (one page each, three
   paragraphs of made-up words), built with a 10-term glossary and with a
   1,000-term one. Every page names eight glossary words, so with 1,000 terms
   every page gets its terms marked. Target: 1,000 terms at most 1.3x 10 terms.
2. The real site with the glossary hook and without it (the hook's line taken
   out of a copy of mkdocs.yml, and the `<!-- glossary:... -->` markers out
   of that copy's pages, which no hook would expand). Target: at most 1.15x.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import ROOT, copy_project, pair  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zen", "bri", "dor", "fex", "gul", "hap", "jin", "quo", "sar"]
FILLER = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which "
    "but have an they you were their one all we can her has there been if more when will would who"
).split()


# -- Synthetic corpus --------------------------------------------------------------


def words(n: int, rng: random.Random) -> list[str]:
    """n distinct made-up words, none of them an English word or an acronym."""
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))))
    return sorted(out)


def make_corpus(dst: Path, pages: int, terms: int, vocabulary: list[str], rng: random.Random) -> Path:
    """A project: seed + manifest of `pages` sections, and a glossary of `terms` entries.

    The text is the same whatever `terms` is; only the glossary changes.
    """
    dst.mkdir(parents=True)
    (dst / "docs").mkdir()
    (dst / "docs" / "index.md").write_text("# Synthetic corpus\n", encoding="utf-8")
    (dst / "seeds").mkdir()
    lines = ["A Synthetic Article", ""]
    sections = []
    text_rng = random.Random(7)  # the same text for every glossary size
    for i in range(pages):
        if i:  # the first section is the opening, under the title
            heading = f"Part {i + 1} {vocabulary[(i * 8) % len(vocabulary)].title()} Matters"
            sections.append(heading)
            lines += [heading, ""]
        named = [vocabulary[(i * 8 + k) % len(vocabulary)] for k in range(8)]
        for p in range(3):
            sentence = []
            for k in range(60):
                sentence.append(text_rng.choice(FILLER))
                if k % 20 == 5:
                    w = named[(p * 3 + k // 20) % 8]
                    sentence.append(w + (" cluster" if k % 40 == 5 else ""))  # some two-word forms
            lines += [" ".join(sentence).capitalize() + ".", ""]
    lines += ["Bench", ""]  # the byline, as in a real seed
    seed = "\n".join(lines)
    (dst / "seeds" / "corpus.txt").write_text(seed, encoding="utf-8")
    manifest = [
        "seed: corpus.txt",
        f"sha256: {hashlib.sha256(seed.encode()).hexdigest()}",
        "title: A Synthetic Article",
        "author:\n  name: Bench",
        "publisher: Bench",
        "url: https://example.org/corpus",
        "section_dir: read",
        "sections:",
        "  - slug: opening\n    title: Opening",
    ]
    # The title opens the first section; every heading starts the next one.
    for i, heading in enumerate(sections):
        manifest.append(f'  - slug: part-{i + 2}\n    heading: "{heading}"')
    (dst / "seeds" / "corpus.yml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (dst / "sources").mkdir()
    (dst / "sources" / "sources.yml").write_text(
        "- id: ref\n  title: Reference\n  publisher: Bench\n  url: https://example.org/ref\n  kind: primary\n  status: seen\n",
        encoding="utf-8",
    )
    (dst / "glossary").mkdir()
    used = vocabulary[:terms]
    for k, w in enumerate(used):
        related = f"related: [{used[k - 1]}]\n" if k else ""
        (dst / "glossary" / f"{w}.yml").write_text(
            f"term: {w}\naliases:\n  - {w} cluster\n  - the {w} of {used[(k + 1) % terms]}\ncategory: concept\n"
            f"definition: A made-up word, *number {k}*, with a [link](https://example.org/{w}).\n"
            f"sources: [ref]\n{related}",
            encoding="utf-8",
        )
    hooks = "\n".join(f"  - {ROOT}/hooks/{h}.py" for h in ("reading", "glossary", "page"))
    (dst / "mkdocs.yml").write_text(
        "site_name: Corpus\nsite_url: http://127.0.0.1:8000/\n"
        "theme:\n  name: material\n  font: false\nplugins: []\n"
        f"hooks:\n{hooks}\n"
        "extra:\n  reading:\n    manifest: seeds/corpus.yml\n    glossary: glossary\n    sources: sources/sources.yml\n",
        encoding="utf-8",
    )
    return dst / "mkdocs.yml"


def synthetic(pages: int, rounds: int, tmp: Path, warm: bool = True) -> float:
    rng = random.Random(1)
    vocabulary = words(1000, rng)
    small = make_corpus(tmp / "terms-10", pages, 10, vocabulary, rng)
    large = make_corpus(tmp / "terms-1000", pages, 1000, vocabulary, rng)
    print(f"Synthetic corpus: {pages} pages + glossary page, 10 terms vs 1,000 terms")
    ratio = pair("10 terms", small, "1,000 terms", large, rounds, tmp, warm)
    print(f"  ratio 1,000 / 10 terms   {ratio:.3f}x  (target <= 1.3x)")
    return ratio


# -- The real site -------------------------------------------------------------------

GLOSSARY_MARKER = re.compile(r"<!--\s*glossary:[^>]*-->\n?")


def without_glossary_hook(dst: Path) -> Path:
    """A copy of the project without the glossary hook. Its pages lose their
    `glossary:` markers too: with no hook to expand them, the page hook
    would stop the build (as it should for a real site)."""
    config = copy_project(dst)
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/glossary.py\n" in text, "mkdocs.yml does not list hooks/glossary.py"
    config.write_text(text.replace("  - hooks/glossary.py\n", ""), encoding="utf-8")
    for page in (dst / "docs").rglob("*.md"):
        body = page.read_text(encoding="utf-8")
        if GLOSSARY_MARKER.search(body):
            page.write_text(GLOSSARY_MARKER.sub("", body), encoding="utf-8")
    return config


def real(rounds: int, tmp: Path, warm: bool = True) -> float:
    on = copy_project(tmp / "real")
    off = without_glossary_hook(tmp / "real-no-glossary")
    print("Real site: all hooks, with and without the glossary hook")
    ratio = pair("without glossary hook", off, "with glossary hook", on, rounds, tmp, warm)
    print(f"  ratio with / without     {ratio:.3f}x  (target <= 1.15x)")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--only", choices=["synthetic", "real"])
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one round of 5 pages, no warm-up builds: checks that the bench runs, not the figures",
    )
    args = parser.parse_args()
    rounds, pages, warm = (1, 5, False) if args.smoke else (args.rounds, args.pages, True)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "synthetic"):
            ok &= synthetic(pages, rounds, Path(tmp), warm) <= 1.3
        if args.only in (None, "real"):
            ok &= real(rounds, Path(tmp), warm) <= 1.15
    print("all targets met" if ok else "a target was missed")
    return 0 if ok or args.smoke else 1


if __name__ == "__main__":
    sys.exit(main())
