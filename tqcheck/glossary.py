"""The name glossary: the desk's canonical English spelling of Arabic names.

File format (UTF-8, one entry a line, tab-separated)::

    # comment lines and blank lines are ignored
    سوروفيكين<TAB>Surovikin
    أوغليدار<TAB>Vuhledar<TAB>Ugledar
    كييف<TAB>Kyiv

Column 1 is the Arabic form as it is written in sources (diacritics, hamza seats and the article ال do not
matter), column 2 the canonical English spelling, and any further columns are variants that are also
accepted. A column that starts with ``#`` ends the row (``tqcheck glossary learn`` writes the count there).
``learn_glossary`` builds such a list from approved translations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from tqcheck.errors import ConfigError, InputError
from tqcheck.names.segment import match_names
from tqcheck.names.words import Word, arabic_words
from tqcheck.text.normalize import normalize_arabic
from tqcheck.text.translit import similarity, strip_article

# A pair is learned only from sound matches at least this close.
LEARN_SCORE = 0.85
# ... and only when at least this share of the Arabic form's occurrences were matched to a name.
LEARN_SHARE = 0.5


def arabic_key(arabic: str) -> str:
    """The comparison key of an Arabic name: normalised, article removed from each word."""
    return " ".join(strip_article(w.norm) for w in arabic_words(normalize_arabic(arabic)))


@dataclass(frozen=True)
class GlossaryEntry:
    """One name: its Arabic form, canonical English spelling and accepted variants."""

    arabic: str
    english: str
    variants: Tuple[str, ...] = ()
    line: int = 0

    @property
    def accepted(self) -> Tuple[str, ...]:
        """Every accepted English spelling, canonical first."""
        return (self.english,) + self.variants


@dataclass(frozen=True)
class Glossary:
    """A parsed glossary, indexed by the Arabic key of each entry."""

    entries: Tuple[GlossaryEntry, ...] = ()
    path: Optional[str] = None
    _by_key: Mapping[str, GlossaryEntry] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, entries: Iterable[GlossaryEntry], path: Optional[str] = None) -> "Glossary":
        """Build a glossary (later entries for the same Arabic key win)."""
        entries = tuple(entries)
        return cls(entries, path, {arabic_key(e.arabic): e for e in entries if arabic_key(e.arabic)})

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, arabic: str) -> Optional[GlossaryEntry]:
        """The entry for an Arabic name (any spelling that normalises to the same key), or None."""
        return self._by_key.get(arabic_key(arabic))

    def find(self, words: Sequence[Word]) -> List[Tuple[GlossaryEntry, int, int]]:
        """The entries whose Arabic occurs in ``words`` (from ``arabic_words``): (entry, first, last) indices.

        A word matches with or without its article and one clitic letter (وكييف, بأوغليدار).
        """
        if not self._by_key:
            return []
        forms = [_word_forms(w.norm) for w in words]
        found = []
        for i, fs in enumerate(forms):
            for f in fs:
                for parts, entry in self._by_first.get(f, ()):
                    if all(i + k < len(forms) and parts[k] in forms[i + k] for k in range(1, len(parts))):
                        found.append((entry, i, i + len(parts) - 1))
        return found

    @property
    def _by_first(self) -> Dict[str, List[Tuple[List[str], GlossaryEntry]]]:
        index = self.__dict__.get("_first_index")
        if index is None:
            index = defaultdict(list)
            for key, entry in self._by_key.items():
                parts = key.split(" ")
                index[parts[0]].append((parts, entry))
            object.__setattr__(self, "_first_index", index)  # a cache, not state: the glossary stays frozen
        return index



@lru_cache(maxsize=50_000)
def _word_forms(norm: str) -> Tuple[str, ...]:
    forms = {norm, strip_article(norm)}
    if len(norm) > 3 and norm[0] in "وبلفك":
        forms.update((norm[1:], strip_article(norm[1:])))
    return tuple(forms)


def _declitic(arabic: str, english: str) -> str:
    """Drop a one-letter clitic (و ب ل ف ك) glued to a learned name when the name sounds as well without it."""
    a = arabic.strip()
    if " " not in a and len(a) > 3 and a[0] in "وبلفك" and similarity(a[1:], english) >= similarity(a, english):
        return a[1:]
    return a


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary TSV file.

    Raises:
        InputError: the file cannot be read or is not UTF-8.
        ConfigError: a line has fewer than two columns or an empty column (the message names file and line).
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read glossary {p}: {err}") from err
    return parse_glossary(text, str(p))


def parse_glossary(text: str, p: str = "<glossary>") -> Glossary:
    """Parse glossary TSV text (``p`` names its origin in messages and in ``Glossary.path``).

    Raises:
        ConfigError: a line has fewer than two columns or an empty column (the message names file and line).
    """
    entries: List[GlossaryEntry] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        comment = next((k for k, c in enumerate(cols) if c.startswith("#")), None)
        if comment is not None:
            cols = cols[:comment]  # a trailing "# note" column (learn writes the count there)
        if len(cols) < 2:
            raise ConfigError(f"{p}:{no}: expected 'arabic<TAB>english[<TAB>variant...]', got {line[:60]!r}")
        if not all(cols):
            raise ConfigError(f"{p}:{no}: empty column in {line[:60]!r}")
        if not arabic_key(cols[0]):
            raise ConfigError(f"{p}:{no}: the first column must be Arabic, got {cols[0]!r}")
        entries.append(GlossaryEntry(cols[0], cols[1], tuple(cols[2:]), no))
    return Glossary.of(entries, p)


def learn_glossary(sources: Iterable[str], translations: Iterable[str], min_count: int = 1
                   ) -> List[Tuple[str, str, int]]:
    """Learn name pairs from approved translations.

    Every English name that sounds like a word (or two) of its Arabic source is counted; each Arabic form
    keeps its most frequent English spelling.

    Args:
        sources: Arabic segments.
        translations: their approved English translations, in the same order.
        min_count: keep pairs seen at least this often.

    Returns:
        ``(arabic, english, count)`` rows, most frequent first (ties in Arabic order).
    """
    counts: Dict[str, Counter] = defaultdict(Counter)
    shown: Dict[str, Counter] = defaultdict(Counter)
    occurrences: Counter = Counter()
    for src, tgt in zip(sources, translations):
        words = arabic_words(src)
        for w in words:
            occurrences.update(set(_word_forms(w.norm)))
        for m in match_names(src, tgt):
            if not m.key or m.score < LEARN_SCORE:
                continue  # ordinary words that sound like a name (Sabbath / السبت) and loose matches
            form = _declitic(m.arabic_text, m.english_text)
            key = arabic_key(form)
            if key:
                counts[key][m.english_text] += 1
                shown[key][form] += 1
    rows = []
    for key, renderings in counts.items():
        english, n = renderings.most_common(1)[0]
        seen = occurrences[key] if " " not in key else n
        # a common word that only sometimes sounds like a name (الفريق / Furyk) is not a name
        if n >= min_count and n >= LEARN_SHARE * seen:
            rows.append((shown[key].most_common(1)[0][0], english, n))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows


def format_glossary(rows: Iterable[Tuple[str, str, int]], note: str = "") -> str:
    """Glossary TSV text for learned rows; the count goes in a trailing comment of each line."""
    head = ["# tqcheck names glossary: arabic<TAB>english[<TAB>allowed variant...]"]
    if note:
        head.append(f"# {note}")
    return "\n".join(head + [f"{a}\t{e}\t# {n}" for a, e, n in rows]) + "\n"
