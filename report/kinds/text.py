"""Matching names typed by people: column headers, activity and indicator names, headings.

Owned by the reading side (the kinds of input match headers with it); the promise file and
the commentary use it too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def normalize_label(text: str) -> str:
    """Case-, whitespace- and dash-insensitive key for matching names typed by people."""
    folded = str(text).casefold().replace("\u00a0", " ")
    folded = re.sub(r"[\u2010-\u2015]", "-", folded)
    return " ".join(folded.split())


def closest(text: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like `text` (case-insensitive), or None if nothing is close."""
    options = {normalize_label(c): c for c in candidates}
    match = difflib.get_close_matches(normalize_label(text), list(options), n=1, cutoff=cutoff)
    return options[match[0]] if match else None
