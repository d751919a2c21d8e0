"""Writes ``simulator/data/names_also_words.txt``: the given names and surnames common in some
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

from simulator.name_words import in_other_language, joins_two_words

MAX_RANK = 3000  # a name among a country's 3,000 most common
OUT = Path(__file__).resolve().parent.parent / "simulator" / "data" / "names_also_words.txt"


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


def build() -> list[str]:
    found: set[str] = set()
    for kind in ("first", "last"):
        ranks = _best_ranks(kind)
        for name, rank in tqdm(ranks.items(), desc=f"{kind} names", unit="name"):
            word = re.sub(r"['’]", "", name.strip().lower())
            if rank <= MAX_RANK and len(word) > 2 and " " not in word and _also_a_word(word):
                found.add(word)
    return sorted(found)


def main() -> None:
    words = build()
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} names written to {OUT}")


if __name__ == "__main__":
    main()
