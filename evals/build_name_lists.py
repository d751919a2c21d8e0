"""Writes two lists under ``simulator/data/`` from the ``names-dataset`` package.

``world_given_names.txt``: the given names among the ``WORLD_RANK`` most common of some
country ("Gilad", "Priya", "Sipho").

``names_also_words.txt``: the given names and surnames common in some
country (in the top ``MAX_RANK`` of the ``names-dataset`` package, about 730,000 given names
and 980,000 surnames from 105 countries) that read as words: everyday words of another
language, or two English words joined. The panel reader then does not take "Weil", "Marta"
or "Sandeep" ("sand" and "deep") for words.

Needs the optional extra: ``pip install -e '.[lists]'``; loading the dataset takes about
2 GB of memory for a minute. Run ``python -m evals.build_name_lists``.
"""

from __future__ import annotations

import gzip
import importlib.util
import pickle
import re
from pathlib import Path

from tqdm import tqdm

from simulator.name_words import WORLD_RANK, in_other_language, joins_two_words

MAX_RANK = 3000  # a name among a country's 3,000 most common
DATA = Path(__file__).resolve().parent.parent / "simulator" / "data"


def _best_ranks(kind: str) -> dict[str, int]:
    """Each name of the dataset (``first`` or ``last``) with its best rank in any country."""
    spec = importlib.util.find_spec("names_dataset")  # its data, without importing it
    if spec is None or spec.origin is None:
        raise SystemExit("names-dataset is not installed: pip install -e '.[lists]'")
    path = Path(spec.origin).parent / "v3" / f"{kind}_names.pkl.gz"
    with gzip.open(path) as f:
        table = pickle.load(f)  # the package's own data file
    return {name: min(row["rank"].values()) for name, row in table.items() if row.get("rank")}


def _also_a_word(name: str) -> bool:
    return in_other_language(name) or joins_two_words(name)


def _plain(name: str) -> str:
    return re.sub(r"['’]", "", name.strip().lower())


def build() -> dict[str, list[str]]:
    also_words: set[str] = set()
    given: set[str] = set()
    for kind in ("first", "last"):
        ranks = _best_ranks(kind)
        for name, rank in tqdm(ranks.items(), desc=f"{kind} names", unit="name"):
            word = _plain(name)
            if len(word) <= 2 or " " in word:
                continue
            if kind == "first" and rank <= WORLD_RANK:
                given.add(word)
            if rank <= MAX_RANK and _also_a_word(word):
                also_words.add(word)
    return {"world_given_names.txt": sorted(given), "names_also_words.txt": sorted(also_words)}


def main() -> None:
    for name, words in build().items():
        (DATA / name).write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"{len(words)} names written to {DATA / name}")


if __name__ == "__main__":
    main()
