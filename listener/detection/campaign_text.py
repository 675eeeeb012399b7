"""Near-duplicate text search for campaign detection (MinHash + LSH).

Texts are normalised (case, accents, punctuation, spacing) and cut into
overlapping character shingles, so two reviews stay close after a typo, a
swapped word or a changed sentence ending. :class:`NearDuplicateIndex` keeps a
sliding window of recent texts and answers "which earlier texts look like this
one?" in bounded time per text. It is pure: no I/O, times are given.

Speed (the daemon feeds thousands of items a day, many sharing sentences):
shingles are hashed and MinHash-permuted with numpy in one pass (a
polynomial hash of the code points and multiply-shift permutations, instead
of a SHA-1 per shingle); the LSH band tables are plain dicts (band layout
from datasketch); candidates are checked in one vectorised comparison, and at
most ``max_candidates`` of them, the most recent, are checked per query (a
campaign needs only a few copies to be evidence, and a popular phrase must
not make every query scan the window).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from datetime import datetime, timedelta

import numpy as np

__all__ = ["normalise_text", "shingles", "shingle_hashes", "minhash_signature",
           "NearDuplicateIndex"]

_NON_WORD = re.compile(r"[^\w]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_REPEATS = re.compile(r"(\w)\1+")
_CHAR_CACHE: dict[str, str] = {}


def _fold_char(c: str) -> str:
    """NFKD of one (already case-folded) character without its combining marks."""
    out = _CHAR_CACHE.get(c)
    if out is None:
        out = "".join(d for d in unicodedata.normalize("NFKD", c)
                      if not unicodedata.combining(d))
        if len(_CHAR_CACHE) < 100_000:
            _CHAR_CACHE[c] = out
    return out


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces.

    Same result as NFKD of the whole text with the combining marks dropped
    (canonical reordering only moves combining marks, which are dropped), but
    each distinct non-ASCII character is decomposed once and cached.
    """
    folded = text.casefold()
    if not folded.isascii():
        for c in set(_NON_ASCII.findall(folded)):
            folded = folded.replace(c, _fold_char(c))
    return _NON_WORD.sub(" ", folded).strip()


def shingles(text: str, size: int = 5) -> set[bytes]:
    """Character ``size``-grams of an already normalised text, as bytes."""
    if len(text) <= size:
        return {text.encode()} if text else set()
    return {text[i:i + size].encode() for i in range(len(text) - size + 1)}


_BASE = np.uint64(1_000_003)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """64-bit hashes of the distinct character ``size``-grams of a normalised text.

    A polynomial hash of the code points (vectorised, wrapping arithmetic),
    finished with the splitmix64 mixer so every bit depends on every character.
    """
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if points.size == 0:
        return points
    width = min(size, points.size)
    n = points.size - width + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            h = h * _BASE + points[k:k + n]
        h = np.unique(h)
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    return h


def minhash_signature(text: str, a: np.ndarray, b: np.ndarray, size: int = 5) -> np.ndarray:
    """MinHash signature of a normalised text: one 32-bit minimum per ``(a, b)`` pair.

    Each pair is a multiply-shift hash ``(a * x + b) >> 32`` of the shingle
    hash's upper 32 bits (a universal family for odd ``a``).
    """
    hv = shingle_hashes(text, size) >> np.uint64(32)
    if hv.size == 0:
        return np.full(a.size, 2**32 - 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        phv = (hv[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)
    return phv.min(axis=0)


class NearDuplicateIndex:
    """Sliding-window MinHash LSH index over recent texts.

    ``add(key, text, at)`` returns the keys of earlier texts (still inside the
    window) whose estimated Jaccard similarity of shingles is at least
    ``threshold``; of more candidates than ``max_candidates``, only the most
    recent are checked. Only the first ``max_chars`` normalised characters of
    a text are compared (long posts that share their first 800 characters are
    copies; reviews are shorter). Texts shorter than ``min_chars`` after normalisation
    are not indexed (short praise such as "great app" repeats naturally).
    """

    def __init__(self, *, threshold: float = 0.4, num_perm: int = 96,
                 window: timedelta = timedelta(days=7), min_chars: int = 30,
                 shingle_size: int = 5, max_candidates: int = 64,
                 max_chars: int = 800, collapse_repeats: bool = False) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.window = window
        self.min_chars = min_chars
        self.shingle_size = shingle_size
        self.max_candidates = max_candidates
        self.max_chars = max_chars
        self.collapse_repeats = collapse_repeats
        # Weighted towards recall (few missed pairs); candidates are then
        # checked against the threshold on the estimated similarity. Only the
        # band layout is taken from datasketch.
        from datasketch import MinHashLSH  # imports scipy: only when a detector is built

        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.2, 0.8))
        self._ranges = [(i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b)]
        self._bands, self._rows = lsh.b, lsh.r
        self._row_mix = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                  0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                                  0x2545F4914F6CDD1D, 0x94D049BB133111EB][:lsh.r],
                                 dtype=np.uint64)
        rng = np.random.default_rng(7)
        self._a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        # Band key -> the seqs of its texts, oldest first (texts expire oldest first).
        self._tables: list[dict[int, list[int]]] = [{} for _ in self._ranges]
        self._seq = 0
        # seq -> (key, hashvalues, band keys); seq grows with insertion.
        self._items: dict[int, tuple[str, np.ndarray, list[int]]] = {}
        self._keys: dict[str, int] = {}
        self._order: deque[tuple[datetime, int]] = deque()

    def __len__(self) -> int:
        return len(self._items)

    def _band_keys(self, values: np.ndarray) -> list[int]:
        """One 64-bit key per LSH band (a mix of the band's rows; collisions are negligible)."""
        rows = values[:self._bands * self._rows].reshape(self._bands, self._rows)
        with np.errstate(over="ignore"):
            keys = (rows * self._row_mix).sum(axis=1, dtype=np.uint64)
        return keys.tolist()

    def _minhash(self, norm: str) -> np.ndarray:
        if self.collapse_repeats:
            norm = _REPEATS.sub(r"\1", norm)
        return minhash_signature(norm, self._a, self._b, self.shingle_size)

    def expire(self, now: datetime) -> None:
        """Forget texts older than the window."""
        limit = now - self.window
        while self._order and self._order[0][0] < limit:
            _, seq = self._order.popleft()
            key, _, bands = self._items.pop(seq)
            del self._keys[key]
            for table, band in zip(self._tables, bands, strict=True):
                bucket = table[band]
                if bucket[0] == seq:
                    del bucket[0]
                else:  # pragma: no cover - texts expire in insertion order
                    bucket.remove(seq)
                if not bucket:
                    del table[band]

    def add(self, key: str, text: str, at: datetime, *,
            normalised: str | None = None) -> list[tuple[str, float]]:
        """Index ``text`` under ``key``; return ``(key, similarity)`` of earlier near-duplicates.

        ``normalised`` is ``normalise_text(text)`` when the caller has it already.
        Only the first ``max_chars`` normalised characters are compared.
        """
        self.expire(at)
        norm = normalise_text(text) if normalised is None else normalised
        if len(norm) < self.min_chars or key in self._keys:
            return []
        values = self._minhash(norm[:self.max_chars]).astype(np.uint32)
        bands = self._band_keys(values)
        # The most recent K candidates overall are among the K most recent of
        # each bucket (buckets keep insertion order).
        k = self.max_candidates
        candidates: set[int] = set()
        for table, band in zip(self._tables, bands, strict=True):
            bucket = table.get(band)
            if bucket:
                candidates.update(bucket if len(bucket) <= k else bucket[-k:])
        found = []
        if candidates:
            chosen = sorted(candidates)[-k:]
            matrix = np.vstack([self._items[s][1] for s in chosen])
            sims = np.count_nonzero(matrix == values, axis=1) / np.float64(self.num_perm)
            for seq, sim in zip(chosen, sims, strict=True):
                if sim >= self.threshold:
                    found.append((self._items[seq][0], float(sim)))
        seq = self._seq = self._seq + 1
        for table, band in zip(self._tables, bands, strict=True):
            table.setdefault(band, []).append(seq)
        self._items[seq] = (key, values, bands)
        self._keys[key] = seq
        self._order.append((at, seq))
        return sorted(found)
