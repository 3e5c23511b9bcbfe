"""Name spotting on both sides of a segment, and matching names across scripts.

English: runs of capitalised words that are not sentence starts, titles, months, days or nationalities.
A name is *checkable* when at least one of its words is not an ordinary English word (Kyiv, Sullivan): a
name made of ordinary words only ("Ministry of Defense", "White House") is translated, not transliterated,
so nothing can be said about it from the sound of the Arabic.

Arabic has no capitals. Every word is compared with the English names by sound; name candidates that
must be accounted for are the words after a title («الرئيس», «الجنرال», «وزير» …) that wordfreq does not
know once clitics are removed, and the forms the caller knows are names (other segments of the document);
rare words nothing explains are kept as traces of a replaced name. Matching uses
``tqcheck.text.translit.similarity`` with a rapidfuzz shortlist on coarse consonant skeletons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from tqcheck.text.lexicon import arabic_form_zipf, arabic_zipf, is_common_english, is_english_word
from tqcheck.text.normalize import normalize_arabic
from tqcheck.text.translit import similarity, skeleton_ar, skeleton_latin, strip_article
from tqcheck.types import Span

# A Latin word and an Arabic word (or two) at least this similar are the same name; short names (two
# consonants or fewer) must be closer, since many Arabic words share two consonants with them.
MATCH_THRESHOLD = 0.8
SHORT_MATCH_THRESHOLD = 0.85
# Ordinary words that are names only sometimes (Trump, Rose) must sound very close to count.
SOFT_THRESHOLD = 0.9
# Below this, nothing in the Arabic sounds like the English name at all: it was invented or swapped.
WEAK_THRESHOLD = 0.6
# Arabic words rarer than this (Zipf, any clitic-stripped form) that nothing in the translation explains are
# the trace of a name the translation replaced.
RARE_ZIPF = 3.5
# Arabic forms at least this frequent (Zipf) are function words and common verbs, never compared as names.
_AR_COMMON_ZIPF = 5.5

_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\u0640\u064b-\u065f\u0670]+")
_SENTENCE_END = re.compile(r"(^|[.!?:;…\"“”«»(\[—–•])[\s\"'“”‘’«»(\[]*$")

_TITLES = frozenset("""
president presidents prime minister ministers general gen secretary chairman chairwoman chair chancellor king queen
prince princess sheikh sir lord lady mr mrs ms miss dr prof professor judge justice senator sen rep representative
governor gov mayor ambassador commander colonel col lieutenant lt captain capt major maj sergeant sgt admiral
pope cardinal bishop archbishop father rev reverend imam ayatollah emir sultan crown deputy vice speaker director
chief spokesman spokeswoman spokesperson officer coach saint st dame duke duchess baron baroness count premier
state minister's president's general's mp mps det insp supt sgt cpl pc phd dc jr sr sens reps
""".split())
_CALENDAR = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
""".split())
_DEMONYMS = frozenset("""
american americans british english french german germans russian russians ukrainian ukrainians chinese japanese
korean indian pakistani afghan iranian iraqi syrian lebanese jordanian saudi saudis egyptian libyan tunisian
algerian moroccan sudanese turkish turk turks kurdish kurd kurds arab arabs arabic israeli israelis palestinian
palestinians jewish jew jews muslim muslims islamic christian christians catholic catholics protestant orthodox
sunni shia shiite european europeans african africans asian asians western eastern northern southern welsh
scottish irish spanish italian portuguese greek dutch belgian swiss swedish norwegian danish finnish polish
czech hungarian romanian bulgarian serbian croatian australian canadian mexican brazilian argentine argentinian
cuban venezuelan colombian chilean peruvian nigerian kenyan ethiopian somali yemeni qatari emirati kuwaiti
omani bahraini gulf latin hispanic persian hebrew anglo saxon soviet nazi nazis democrat democrats democratic
republican republicans labour conservative conservatives liberal tory tories olympic olympics paralympic
catalan catalans basque basques flemish walloon
methodist methodists baptist baptists anglican anglicans lutheran presbyterian mormon evangelical hindu buddhist
sikh czechoslovak czechoslovaks slav slavs briton britons brit brits brexiteer brexiteers remainer remainers
leaver leavers eurosceptic eurosceptics
""".split())
_CONNECTORS = frozenset("of de del da di du al el bin ibn bint van von der den la le y and".split())
_NOT_NAMES = frozenset("i i'm i've i'd i'll ok okay oh".split())

# Names that are translated into Arabic rather than transliterated, so sound cannot match them.
_EXONYMS: Dict[str, Tuple[str, ...]] = {
    "egypt": ("مصر",), "greece": ("يونان",), "germany": ("لمانيا",), "hungary": ("مجر",),
    "morocco": ("مغرب",), "india": ("هند",), "china": ("صين",), "austria": ("نمسا",), "holland": ("هولند",),
    "netherlands": ("هولند",), "jerusalem": ("قدس",), "algeria": ("جزاير",), "cyprus": ("قبرص",),
    "switzerland": ("سويسر",), "jordan": ("اردن",), "lebanon": ("لبنان",), "cairo": ("قاهر",),
    "mecca": ("مكة", "مكه"), "medina": ("مدينة", "مدينه"), "venice": ("بندقي",), "jesus": ("يسوع", "عيسى", "عيسي"),
    "christ": ("مسيح",), "god": ("الله", "رب"), "allah": ("الله",), "christmas": ("ميلاد",), "easter": ("فصح",),
    "bible": ("كتاب المقدس", "انجيل"), "quran": ("قران",), "koran": ("قران",), "mediterranean": ("متوسط",),
    "pacific": ("هادي",), "atlantic": ("طلسي",), "beijing": ("بكين",), "mexico": ("مكسيك",),
    "spain": ("سبانيا",), "sweden": ("سويد",), "norway": ("نرويج",), "denmark": ("دنمارك",),
    "america": ("امريك", "اميرك"), "usa": ("ولايات المتحدة", "امريك", "اميرك"), "britain": ("بريطاني",),
    "england": ("انجلتر", "انكلتر"), "scotland": ("سكتلند",), "wales": ("ويلز",), "ireland": ("يرلند", "ايرلند"),
    "europe": ("اوروب", "اوربا"), "congress": ("كونغرس", "كونجرس"), "vatican": ("فاتيكان",),
    "geneva": ("جنيف",), "lisbon": ("لشبون",), "naples": ("نابولي",), "georgia": ("جورجيا",),
    "turkey": ("تركيا",), "emirates": ("امارات",), "arabia": ("سعودي", "عربي"), "bahrain": ("بحرين",),
    "syria": ("سوري",), "palestine": ("فلسطين",), "israel": ("اسراييل",), "iraq": ("عراق",), "iran": ("ايران",),
    "brexit": ("بريكس", "بريطاني", "خروج", "انسحاب"), "tokyo": ("طوكيو",), "brussels": ("بروكسل",), "hague": ("لاهاي",), "moscow": ("موسكو",), "athens": ("اثينا",), "baghdad": ("بغداد",), "beirut": ("بيروت",), "damascus": ("دمشق",),
}

# Arabic titles after which, past descriptive words with the article, the next words are a name.
_AR_TITLES = frozenset(normalize_arabic(w) for w in """
الرئيس رئيس الجنرال جنرال وزير الوزير وزيرة الوزيرة السيد السيدة الدكتور الدكتورة الشيخ الملك الملكة الأمير
الأميرة المستشار المستشارة المتحدث المتحدثة الناطق اللواء العقيد العميد الفريق المشير القائد السفير السفيرة
النائب النائبة السيناتور الحاكم العمدة الأمين البابا الإمام المدرب الكاتب الصحفي المحافظ القاضي الأستاذ
البروفيسور المدير المديرة زعيم الزعيم
""".split())
# Function words that never start a name after a title.
_AR_STOP = frozenset(normalize_arabic(w) for w in """
في من إلى على عن مع أن إن أو ثم قد لا لم لن ما هو هي هذا هذه ذلك تلك الذي التي الذين كان كانت قال قالت وقال
وقالت يوم بعد قبل عند حيث كما أيضا إنه أنه باسم لشؤون بين خلال منذ حتى
""".split())


class Word(NamedTuple):
    """A word of a segment with its character span (``norm`` is the form used for comparison).

    A named tuple rather than a dataclass: every word of every segment is one, and tuples are built in C.
    """

    text: str
    start: int
    end: int
    norm: str

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class EnglishName:
    """A proper name in English text.

    Attributes:
        text / span: the name as written (possessive 's removed) and its character span.
        words: all its words, titles excluded.
        key_words: the words that are not ordinary English words; empty for translated names
            ("Ministry of Defense"), which nothing checks.
        soft_words: capitalised ordinary words inside the sentence (Trump, Bush, Rose): matched when the
            Arabic transliterates them, never flagged when it does not.
    """

    text: str
    span: Span
    words: Tuple[Word, ...]
    key_words: Tuple[Word, ...]
    soft_words: Tuple[Word, ...] = ()

    @property
    def checkable(self) -> bool:
        return bool(self.key_words)


@dataclass(frozen=True)
class ArabicName:
    """An Arabic word or run of words believed to be a name, with why (``evidence``)."""

    text: str
    span: Span
    words: Tuple[Word, ...]
    evidence: str  # "known" (glossary or document), "title"


# --- English ------------------------------------------------------------------------------------------

def _strip_possessive(word: str) -> str:
    for s in ("'s", "’s", "'", "’"):
        if word.endswith(s) and len(word) > len(s) + 1:
            return word[: -len(s)]
    return word


@lru_cache(maxsize=8192)
def latin_words(text: str) -> Tuple[Word, ...]:
    """The Latin-script words of ``text`` with their spans (possessives removed)."""
    out = []
    for m in _LATIN_WORD.finditer(text):
        w = m.group()
        if w[-1] in "s'’":
            w = _strip_possessive(w)
        out.append(Word(w, m.start(), m.start() + len(w), w.lower()))
    return tuple(out)


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def _plain(word: str) -> str:
    return word.lower().replace("’", "'")


def is_demonym(word: str) -> bool:
    """Nationalities, religions, parties and the like: capitalised in English but not names to check."""
    w = _plain(word)
    return w in _DEMONYMS or (w.endswith("s") and w[:-1] in _DEMONYMS)


@lru_cache(maxsize=50_000)
def _is_stop(word: str) -> bool:
    w = _plain(word)
    return (w in _TITLES or w in _CALENDAR or w in _NOT_NAMES or is_demonym(word)
            or (w.endswith("s") and w[:-1] in _CALENDAR))


def is_never_a_name(word: str) -> bool:
    """Titles, months, days, nationalities: capitalised in English but never names to transliterate."""
    return _is_stop(word)


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 12):start]))


_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")  # MPs, TVs
# A capital inside a word marks an acronym or a code (CoV, HCoVs, RaTG13) unless it follows a name prefix
# (McGregor, MacDonald, DeVos, O'Neill).
_INNER_CAPITAL = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|La|Le|Van|O['’]|D['’]|Al-|El-))[A-Z]\w*[A-Z]")
_CONTRACTION = re.compile(r"(n['’]t|['’](ve|ll|re|d|m|s))$", re.IGNORECASE)
# Endings of derived English words (Phylogenetic, Subpleural, Geophysicists): at a sentence start, where
# the capital says nothing, such a word is taken for an ordinary one.
_DERIVED = re.compile(r"(al|ic|ical|ics|ology|ologists?|oids?|ous|ive|ing|isms?|ists?|tions?|sions?|ments?|ness|ity|"
                      r"opy|osis|itis|idae|aceae)$")
# Scientific names and terms are never names to transliterate, wherever they stand.
_SCIENTIFIC = re.compile(r"(idae|aceae|itis|osis|ology|ological)$")
_DEMONYM_SUFFIX = re.compile(r"(ians?|eans?|ese)$")


@lru_cache(maxsize=50_000)
def _ordinary(word: str) -> bool:
    """An ordinary English word, or a hyphenated one made of ordinary words (Anglo-Saxon is not a name)."""
    if word.lower() in _EXONYMS:
        return False
    word = _CONTRACTION.sub("", word)  # We've, You'll
    if len(word) >= 7 and _DEMONYM_SUFFIX.search(word):
        return True  # Macedonian, Indonesians, Japanese: adjectives the Arabic renders as nisba forms
    if _SCIENTIFIC.search(word) or word.count("-") >= 2:
        return True  # Coronaviridae; Asp-Arg-Val-Tyr codes
    parts = [p for p in re.split(r"[-'’]", word) if p]
    if len(parts) > 1 and "-" in word and parts[-1].islower() and is_english_word(parts[-1]):
        return True  # PNG-registered, Netherlands-based: adjectives made from a name
    return all(is_english_word(p) or _is_stop(p) for p in parts) if parts else True


@lru_cache(maxsize=4096)
def english_names(text: str) -> Tuple[EnglishName, ...]:
    """Find the proper names of an English sentence.

    Capitalised words at a sentence start count only when they are not ordinary English words. Titles
    (President, General), months, days and nationalities are never names; "of", "al", "bin" … may join
    the words of one name.

    Args:
        text: English text, one or more sentences.

    Returns:
        The names in order of appearance.
    """
    words = latin_words(text)
    names: List[EnglishName] = []
    run: List[Word] = []
    pending: List[Word] = []  # connectors seen after a name word, kept only if another name word follows

    def close() -> None:
        if run:
            key = tuple(w for w in run if len(w.text) > 2 and not _ordinary(w.text) and not _is_stop(w.text)
                        and not _ACRONYM_PLURAL.match(w.text) and not _INNER_CAPITAL.match(w.text.split("-")[0]))
            soft = tuple(w for w in run if w not in key and len(w.text) > 2 and not _is_stop(w.text)
                         and w.norm not in _CONNECTORS and not _sentence_start(text, w.start))
            names.append(EnglishName(text[run[0].start:run[-1].end], (run[0].start, run[-1].end), tuple(run), key,
                                     soft))
        run.clear()
        pending.clear()

    prev_end = 0
    for w in words:
        gap = text[prev_end:w.start]
        prev_end = w.end
        if run and (any(c in gap for c in ",;:.!?()\"“”«»") or "\n" in gap):
            close()
        cap = _is_capitalised(w.text)
        if run and not cap and w.norm in _CONNECTORS:
            pending.append(w)
            continue
        if not cap or _is_stop(w.text):
            if run:
                close()
            continue
        if not run and _sentence_start(text, w.start) and (_ordinary(w.text) or is_common_english(w.text)
                                                           or _DERIVED.search(w.norm)):
            continue  # "The", "However", "Geophysicists" at a sentence start
        run.extend(pending)
        pending.clear()
        run.append(w)
    close()
    return tuple(names)


# --- Arabic -------------------------------------------------------------------------------------------

# A word found by _ARABIC_WORD holds Arabic letters, harakat and tatweel only, so per-word normalisation
# is two table look-ups (what normalize_arabic does, without its whole-text passes).
_DROP_MARKS = {c: None for c in range(0x064B, 0x0660)} | {0x0670: None, 0x0640: None}
_TO_NORM = str.maketrans({**{chr(k): v for k, v in _DROP_MARKS.items()},
                          "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي"})
_TO_LEXICON = str.maketrans({chr(k): v for k, v in _DROP_MARKS.items()})


def _ar_norm(word: str) -> str:
    return word.translate(_TO_NORM)


@lru_cache(maxsize=4096)
def arabic_words(text: str) -> Tuple[Word, ...]:
    """The Arabic words of ``text`` with their spans; ``norm`` has diacritics and tatweel removed and alef/yeh unified."""
    return tuple(Word(m.group(), m.start(), m.end(), m.group().translate(_TO_NORM))
                 for m in _ARABIC_WORD.finditer(text))


def _lexicon_form(word: str) -> str:
    """Diacritics and tatweel removed but hamza seats kept, the way wordfreq spells its entries."""
    return word.translate(_TO_LEXICON)


def is_unknown_arabic(word: Word) -> bool:
    """True when no clitic-stripped form of the word is a known Arabic word (a name candidate)."""
    return len(word.norm) >= 3 and arabic_zipf(_lexicon_form(word.text)) < 3.0


def _title_followers(words: Sequence[Word]) -> List[Tuple[int, int]]:
    """Index ranges [i, j) of the words that follow a title, past descriptors with the article."""
    out = []
    for i, w in enumerate(words):
        stem = w.norm[1:] if w.norm[:1] in "وف" and w.norm[1:] in _AR_TITLES else w.norm
        if stem not in _AR_TITLES:
            continue
        k = i + 1
        skipped = 0
        while k < len(words) and skipped < 4 and (words[k].norm.startswith("ال") or words[k].norm in ("باسم", "لشوون")):
            k += 1
            skipped += 1
        j = k
        while (j < len(words) and j - k < 3 and words[j].norm not in _AR_STOP and not words[j].norm.startswith("ال")
               and words[j].norm not in _AR_TITLES and arabic_form_zipf(_lexicon_form(words[j].text)) < 5.0):
            j += 1
        if j > k:
            out.append((k, j))
    return out


# A word after a title is taken for a name only when it is rarer than this (Zipf) as an Arabic word, which
# keeps out genitives such as «رئيس كوريا» and adjectives.
_TITLE_NAME_ZIPF = 3.5
# Tanween (ًٌٍ) marks an indefinite common word: «أسّيًّا» ("exponentially") is not آسيا (Asia).
_TANWEEN = re.compile("[\u064b-\u064d]")
# A word spelt like a known name but this common is more likely the ordinary word (الان "now" / Alan).
_KNOWN_MAX_ZIPF = 5.0


def arabic_names(text: str, known: FrozenSet[str] = frozenset(),
                 words: Optional[Sequence[Word]] = None) -> Tuple[ArabicName, ...]:
    """Find name candidates in an Arabic sentence: words after a title, and words known to be names.

    Words that the lexicon does not know are not candidates on their own (``is_unknown_arabic`` says
    which they are): in news text most of them are rare inflections, not names.

    Args:
        text: Arabic text.
        known: normalised Arabic words (``Word.norm`` without the article) known to be names, from a
            glossary or from other segments of the same document.

    Returns:
        Candidates in order, one word each (a caller joins neighbours when it needs to).
    """
    if words is None:
        words = arabic_words(text)
    evidence: Dict[int, str] = {}
    for k, j in _title_followers(words):
        for i in range(k, j):
            if arabic_zipf(_lexicon_form(words[i].text)) < _TITLE_NAME_ZIPF:
                evidence[i] = "title"
    if known:
        for i, w in enumerate(words):
            if (strip_article(w.norm) in known or w.norm in known) and _comparable(w) \
                    and arabic_zipf(_lexicon_form(w.text)) < _KNOWN_MAX_ZIPF and not _TANWEEN.search(w.text):
                evidence[i] = "known"
    return tuple(ArabicName(words[i].text, words[i].span, (words[i],), ev) for i, ev in sorted(evidence.items()))


# --- matching -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArabicWindow:
    """One Arabic word, or two neighbours read as one name (غازي عنتاب), ready for matching."""

    first: int
    last: int
    text: str
    span: Span
    skeleton: str


def _comparable(word: Word) -> bool:
    """False for function words and very common words, which only ever match a name by accident."""
    return _comparable_text(word.text, word.norm)


@lru_cache(maxsize=100_000)
def _comparable_text(text: str, norm: str) -> bool:
    return norm not in _AR_STOP and arabic_form_zipf(_lexicon_form(text)) < _AR_COMMON_ZIPF


class _Windows(tuple):
    """The windows of one text, with their skeletons listed once for rapidfuzz."""

    skeletons: List[str]


@lru_cache(maxsize=4096)
def _windows_of(text: str) -> "_Windows":
    windows = _Windows(arabic_windows(arabic_words(text), text))
    windows.skeletons = [w.skeleton for w in windows]
    return windows


def arabic_windows(words: Sequence[Word], text: str) -> List[ArabicWindow]:
    """Single words and adjacent pairs of ``words`` (function words left out), each with its coarse skeleton."""
    out = []
    ok = [_comparable(w) for w in words]
    for i, w in enumerate(words):
        if not ok[i]:
            continue
        out.append(ArabicWindow(i, i, w.norm, w.span, _skel_ar(w.norm)))
        if i + 1 < len(words) and ok[i + 1] and text[w.end:words[i + 1].start].strip() == "":
            pair = f"{w.norm} {words[i + 1].norm}"
            skel = _skel_ar(w.norm) + _skel_ar(words[i + 1].norm)
            out.append(ArabicWindow(i, i + 1, pair, (w.start, words[i + 1].end), skel))
    return out


@lru_cache(maxsize=100_000)
def _skel_ar(text: str) -> str:
    return skeleton_ar(text)


@lru_cache(maxsize=100_000)
def _skel_lat(text: str) -> str:
    return skeleton_latin(text)


# rapidfuzz shortlist before the full similarity: this many windows whose coarse skeletons are at least
# this alike (a close transliteration keeps most of its skeleton; the cut leaves room for a slip or two).
_SHORTLIST = 2
_SHORTLIST_CUTOFF = 60


def threshold_for(latin: str) -> float:
    """The similarity a Latin name needs to match: stricter for short names."""
    return SHORT_MATCH_THRESHOLD if len(_skel_lat(latin)) <= 2 else MATCH_THRESHOLD


def best_arabic_match(latin: str, windows: Sequence[ArabicWindow], threshold: Optional[float] = None
                      ) -> Optional[Tuple[float, ArabicWindow]]:
    """The Arabic window that sounds most like ``latin``, if any reaches ``threshold``.

    A rapidfuzz comparison of coarse skeletons shortlists the windows; the full similarity decides.

    Args:
        latin: a Latin word or name.
        windows: from ``arabic_windows``.
        threshold: the least similarity accepted; ``threshold_for(latin)`` when None.
    """
    if not windows:
        return None
    if threshold is None:
        threshold = threshold_for(latin)
    skel = _skel_lat(latin)
    if not skel:  # all vowels (Iowa, Ohio): no skeleton to shortlist with
        scored = [(similarity(w.text, latin), w) for w in windows]
        top = max(scored, key=lambda x: x[0])
        return top if top[0] >= threshold else None
    skeletons = windows.skeletons if isinstance(windows, _Windows) else [w.skeleton for w in windows]
    short = process.extract(skel, skeletons, scorer=fuzz.ratio, score_cutoff=_SHORTLIST_CUTOFF, limit=_SHORTLIST)
    best: Optional[Tuple[float, ArabicWindow]] = None
    for _, _, idx in short:
        sim = similarity(windows[idx].text, latin)
        if sim >= threshold and (best is None or sim > best[0]
                                 or (sim == best[0] and windows[idx].last == windows[idx].first)):
            best = (sim, windows[idx])
    return best


@lru_cache(maxsize=1024)
def _norm_text(text: str) -> str:
    return normalize_arabic(text, teh_marbuta=False)


def exonym_in(latin: str, arabic_norm: str) -> bool:
    """True when ``latin`` is a name Arabic translates (Egypt = مصر) and its Arabic form is in the text."""
    forms = _EXONYMS.get(latin.lower())
    return bool(forms) and any(f in arabic_norm for f in forms)


@lru_cache(maxsize=50_000)
def normalise_latin_name(text: str) -> str:
    """Comparison key of an English rendering: case, accents, possessives and punctuation folded."""
    return " ".join(w.norm for w in latin_words(text))


@lru_cache(maxsize=100_000)
def latin_similarity(a: str, b: str) -> float:
    """Spelling similarity of two Latin renderings in [0, 1] (rapidfuzz ratio on folded forms)."""
    return fuzz.ratio(normalise_latin_name(a), normalise_latin_name(b)) / 100.0


# --- one segment --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NameMatch:
    """An English name (or one word of it) and the Arabic it renders.

    ``how`` says what matched them: "sound" (transliteration), "exonym" (Egypt = مصر), "latin" (the source
    writes the name in Latin letters).
    """

    english: EnglishName
    english_text: str
    english_span: Span
    arabic_text: str
    arabic_span: Optional[Span]
    score: float
    how: str
    key: bool = True  # False for an ordinary word that happens to be a name here (Trump, Rose)


@dataclass(frozen=True)
class Unmatched:
    """A key word of an English name with no counterpart in the Arabic, and the best similarity found
    (``best`` below ``WEAK_THRESHOLD``: nothing sounds like it; between that and a match: something roughly does)."""

    english: EnglishName
    word: Word
    best: float
    best_arabic: Optional[str]


@dataclass(frozen=True)
class SegmentNames:
    """Everything name-related in one source/translation pair."""

    english: Tuple[EnglishName, ...]
    matches: Tuple[NameMatch, ...]
    unmatched_english: Tuple[Unmatched, ...]
    unmatched_arabic: Tuple[ArabicName, ...]
    arabic: Tuple[Word, ...] = ()
    rare_leftover: Tuple[Word, ...] = ()


def _latin_in_source(word: str, source_latin: Dict[str, Span]) -> Optional[Span]:
    return source_latin.get(word.lower())


def _best_weak(latin: str, windows: Sequence[ArabicWindow]) -> Tuple[float, Optional[str]]:
    hit = best_arabic_match(latin, windows, threshold=0.0)
    return (hit[0], hit[1].text) if hit else (0.0, None)


_HAS_LATIN = re.compile("[A-Za-z]")
# Arabic "words" this long are several words typed without spaces (it happens in real data).
_GLUED = 10


def _glued_match(latin: str, glued: Sequence[Word]) -> Optional[Tuple[float, Span]]:
    """Look for ``latin`` inside Arabic words typed without spaces, trying every substring of a plausible length."""
    n = len(_fold_len(latin))
    skel = _skel_lat(latin)
    best: Optional[Tuple[float, Span]] = None
    for w in glued:
        text = w.text  # the original letters, so that offsets are the segment's
        if not skel or fuzz.partial_ratio(skel, _skel_ar(w.norm)) < 80:
            continue
        # a name starts with a vowel seat or with a letter of its first consonant class
        starts = [i for i, ch in enumerate(text) if ch in _VOWEL_SEATS or _skel_ar(ch) == skel[0]]
        for length in range(max(3, n - 2), n + 1):
            for i in starts:
                if i + length > len(text):
                    break
                sim = similarity(text[i:i + length], latin)
                if sim >= threshold_for(latin) and (best is None or sim > best[0]):
                    best = (sim, (w.start + i, w.start + i + length))
    return best


_VOWEL_SEATS = frozenset("اأإآعوي")


def _fold_len(latin: str) -> str:
    return re.sub(r"[^a-z]", "", latin.lower())


def analyse(source: str, translation: str, known: FrozenSet[str] = frozenset()) -> SegmentNames:
    """Spot the names of both sides and pair them.

    Args:
        source: the Arabic segment.
        translation: its English translation.
        known: Arabic keys (normalised, article removed) known to be names (glossary, document).

    Returns:
        Matched names, English name words with no Arabic counterpart, and Arabic name candidates that no
        English word accounts for.
    """
    words = arabic_words(source)
    # windows are built only when the translation has a name to look for
    windows = _windows_of(source) if any(n.key_words or n.soft_words for n in english_names(translation)) else ()
    source_norm: Optional[str] = None  # only needed for names Arabic translates (exonyms)
    names = english_names(translation)
    source_latin = {w.norm: w.span for w in latin_words(source)} if _HAS_LATIN.search(source) else {}
    matches: List[NameMatch] = []
    unmatched: List[Unmatched] = []
    used: set = set()  # indices of Arabic words that a name accounts for

    def record(name: EnglishName, text: str, span: Span, window: Optional[ArabicWindow], score: float,
               how: str, arabic_span: Optional[Span] = None, key: bool = True) -> None:
        if window is not None:
            used.update(range(window.first, window.last + 1))
            arabic_span = window.span
        ar_text = source[arabic_span[0]:arabic_span[1]] if arabic_span else ""
        matches.append(NameMatch(name, text, span, ar_text, arabic_span, score, how, key))

    for name in names:
        for w in name.soft_words:
            hit = best_arabic_match(w.text, windows, threshold=max(threshold_for(w.text), SOFT_THRESHOLD))
            if hit:
                record(name, w.text, w.span, hit[1], hit[0], "sound", key=False)
        if not name.checkable:
            continue
        missing: List[Word] = []
        for w in name.key_words:
            latin_span = _latin_in_source(w.text, source_latin)
            if latin_span:
                record(name, w.text, w.span, None, 1.0, "latin", latin_span)
            elif w.norm in _EXONYMS and exonym_in(w.text, source_norm or _norm_text(source)):
                record(name, w.text, w.span, None, 1.0, "exonym")
            else:
                hit = best_arabic_match(w.text, windows)
                if hit is None and "-" in w.text:
                    # Plasco-Flaxman = بلاسكو: a double-barrelled name may keep one part
                    parts = [p for p in w.text.split("-") if len(p) > 2]
                    hits = [h for h in (best_arabic_match(p, windows) for p in parts) if h]
                    hit = max(hits, key=lambda h: h[0]) if hits else None
                if hit:
                    record(name, w.text, w.span, hit[1], hit[0], "sound")
                else:
                    missing.append(w)
        if missing and len(name.words) > 1:
            # New York = نيويورك, Des Moines = دي موين: a name of two words may be one Arabic word or two.
            still: List[Word] = []
            for w in missing:
                p = name.words.index(w)
                pairs = [name.words[k:k + 2] for k in (p - 1, p) if 0 <= k and k + 1 < len(name.words)]
                hits = [(h, pair) for pair in pairs
                        for h in [best_arabic_match(" ".join(x.text for x in pair), windows)] if h]
                if hits:
                    h, pair = max(hits, key=lambda x: x[0][0])
                    span = (pair[0].start, pair[-1].end)
                    record(name, translation[span[0]:span[1]], span, h[1], h[0], "sound")
                else:
                    still.append(w)
            missing = still
        glued = [w for w in words if len(w.norm) >= _GLUED and is_unknown_arabic(w)]
        for w in missing:
            hit = _glued_match(w.text, glued) if glued else None
            if hit:
                record(name, w.text, w.span, None, hit[0], "sound", hit[1])
                continue
            best, best_ar = _best_weak(w.text, windows)
            unmatched.append(Unmatched(name, w, best, best_ar))

    # Arabic candidates that no name took: an ordinary English word may still render them (فيسبوك = Facebook).
    english_windows: Optional[Sequence[Word]] = None
    leftover = []
    for cand in arabic_names(source, known, words):
        idx = next(i for i, w in enumerate(words) if w.start == cand.span[0])
        if idx in used:
            continue
        if english_windows is None:
            english_windows = latin_words(translation)
        if sounds_like_any(words[idx].norm, english_windows):
            continue
        leftover.append(cand)
    # Rare Arabic words that nothing in the translation accounts for: if an English name is unexplained too,
    # the translation probably put one name in place of the other (دالهاوزي -> "Dalai Lama").
    rare: List[Word] = []
    if unmatched:
        english_windows = english_windows if english_windows is not None else latin_words(translation)
        for i, w in enumerate(words):
            if (i not in used and 3 <= len(w.norm) < _GLUED and w.norm not in _AR_STOP and w.norm not in _AR_TITLES
                    and arabic_zipf(_lexicon_form(w.text)) < RARE_ZIPF
                    and not sounds_like_any(w.norm, english_windows)):
                rare.append(w)
    return SegmentNames(names, tuple(matches), tuple(unmatched), tuple(leftover), tuple(words), tuple(rare))


def sounds_like_any(arabic: str, english: Sequence[Word]) -> bool:
    """True when some English word (any case, three letters or more) sounds like the Arabic word."""
    choices, skeletons = _english_choices(tuple(w.text for w in english))
    if not choices:
        return False
    short = process.extract(_skel_ar(arabic), skeletons, scorer=fuzz.ratio, score_cutoff=50, limit=6)
    return any(similarity(arabic, choices[i]) >= threshold_for(choices[i]) for _, _, i in short)


@lru_cache(maxsize=1024)
def _english_choices(words: Tuple[str, ...]) -> Tuple[List[str], List[str]]:
    choices = [w for w in words if len(w) > 2]
    return choices, [_skel_lat(c) for c in choices]


def match_in_source(latin: str, source: str) -> Optional[Tuple[float, Span, str]]:
    """The Arabic word or two of ``source`` that sound like ``latin``: (similarity, span, text), or None."""
    hit = best_arabic_match(latin, _windows_of(source))
    if hit is None:
        return None
    span = hit[1].span
    return hit[0], span, source[span[0]:span[1]]


def match_names(source: str, translation: str) -> List[NameMatch]:
    """The names of ``translation`` that sound like words of ``source`` (for glossary learning)."""
    return [m for m in analyse(source, translation).matches if m.how == "sound"]
