"""Near-duplicate text search for campaign detection (MinHash + LSH).

Texts are normalised (case, accents, punctuation, spacing) and cut into
overlapping character shingles, so two reviews stay close after a typo, a
swapped word or a changed sentence ending. :class:`NearDuplicateIndex` keeps a
sliding window of recent texts and answers "which earlier texts look like this
one?" in about constant time per text. It is pure: no I/O, times are given.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH

__all__ = ["normalise_text", "shingles", "NearDuplicateIndex"]

_NON_WORD = re.compile(r"[^\w]+")


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", no_accents).strip()


def shingles(text: str, size: int = 5) -> set[bytes]:
    """Character ``size``-grams of an already normalised text, as bytes."""
    if len(text) <= size:
        return {text.encode()} if text else set()
    return {text[i:i + size].encode() for i in range(len(text) - size + 1)}


class NearDuplicateIndex:
    """Sliding-window MinHash LSH index over recent texts.

    ``add(key, text, at)`` returns the keys of earlier texts (still inside the
    window) whose estimated Jaccard similarity of shingles is at least
    ``threshold``. Texts shorter than ``min_chars`` after normalisation are
    not indexed (short praise such as "great app" repeats naturally).
    """

    def __init__(self, *, threshold: float = 0.4, num_perm: int = 96,
                 window: timedelta = timedelta(days=7), min_chars: int = 30,
                 shingle_size: int = 5) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.window = window
        self.min_chars = min_chars
        self.shingle_size = shingle_size
        # Weighted towards recall (few missed pairs); candidates are then
        # checked against the threshold on the estimated similarity.
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.2, 0.8))
        self._template = MinHash(num_perm=num_perm, seed=7)
        self._hashes: dict[str, MinHash] = {}
        self._order: deque[tuple[datetime, str]] = deque()

    def __len__(self) -> int:
        return len(self._hashes)

    def _minhash(self, norm: str) -> MinHash:
        mh = MinHash(num_perm=self.num_perm, seed=7, permutations=self._template.permutations,
                     scheme=self._template.scheme)
        mh.update_batch(shingles(norm, self.shingle_size))
        return mh

    def expire(self, now: datetime) -> None:
        """Forget texts older than the window."""
        limit = now - self.window
        while self._order and self._order[0][0] < limit:
            _, key = self._order.popleft()
            if key in self._hashes:
                self._lsh.remove(key)
                del self._hashes[key]

    def add(self, key: str, text: str, at: datetime) -> list[tuple[str, float]]:
        """Index ``text`` under ``key``; return ``(key, similarity)`` of earlier near-duplicates."""
        self.expire(at)
        norm = normalise_text(text)
        if len(norm) < self.min_chars or key in self._hashes:
            return []
        mh = self._minhash(norm)
        found = []
        for other in self._lsh.query(mh):
            sim = mh.jaccard(self._hashes[other])
            if sim >= self.threshold:
                found.append((other, sim))
        self._lsh.insert(key, mh)
        self._hashes[key] = mh
        self._order.append((at, key))
        return sorted(found)
