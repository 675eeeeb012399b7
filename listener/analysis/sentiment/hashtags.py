"""Hashtags written as several capitalised words read as those words.

"#NotHappy", "#PasContent" or "#ServiceClientNul" hide their words from a
lexicon that splits text into words: the capitals mark where each word
begins. Shared by the English and French analysers (the English one also
splits lower-case hashtags made of known words, see ``english.py``).
"""

from __future__ import annotations

import re

__all__ = ["HASHTAG", "split_camel", "expand_camel_hashtags"]

#: A hashtag of four or more letters, not inside a word, a URL fragment or an entity.
HASHTAG = re.compile(r"(?<![\w#&])#([^\W\d_]{4,40})\b")


#: A piece longer than this is several words the capitals did not mark.
MAX_PART = 15


def split_camel(body: str) -> str | None:
    """``"NotHappy"`` → ``"Not Happy"``: a space before each capital that follows a
    lower-case letter; None when there is no such capital, or when a piece is
    longer than :data:`MAX_PART` letters: "#wishIwasoutdrinking" is not
    written in capitals word by word, and "wish" alone would read as praise."""
    out = [body[0]]
    split = False
    for prev, cur in zip(body, body[1:], strict=False):
        if prev.islower() and cur.isupper():
            out.append(" ")
            split = True
        out.append(cur)
    if not split:
        return None
    joined = "".join(out)
    return joined if max(map(len, joined.split(" "))) <= MAX_PART else None


def expand_camel_hashtags(text: str) -> str:
    """``text`` with each capitalised multi-word hashtag replaced by its words."""
    if "#" not in text:
        return text
    return HASHTAG.sub(lambda m: split_camel(m.group(1)) or m.group(), text)
