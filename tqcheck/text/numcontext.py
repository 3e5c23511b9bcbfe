"""What the text around a number says about it: percent, year or Hijri year, time, ordinal, century, currency
and unit, qualifier ("more than", «نحو»), range, a conversion in brackets, an identifier in a URL; and the
Roman numerals and number-built words ("fourballs") that the tokens do not cover.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from tqcheck.text.numtokens import CURRENCY_BEFORE_RE, EN_WORDS, MEDIUM, SOFT, Raw

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+|(?<!\w)[@#]\w+|<[^<>]{1,200}>")
_PCT_EN_RE = re.compile(r"\s?(?:%|٪|per\s?cent\b|pct\b|percentage\s+points?\b)", re.I)
_PCT_AR_RE = re.compile(r"\s?(?:%|٪|[وفب]?(?:بال|في\s?ال|فى\s?ال)ما?ي[ةه](?![\u0621-\u064a])"
                        r"|نقط[ةه]\s+ميوي[ةه]|نقاط\s+ميوي[ةه])")
_HIJRI_AR_RE = re.compile(r"\s?(?:ه|هجري[ةه]?|للهجر[ةه]|من\s+الهجر[ةه])(?![\u0621-\u064a])")
_GREG_AR_RE = re.compile(r"\s?(?:م|ميلادي[ةه]?|للميلاد)(?![\u0621-\u064a])")
_HIJRI_EN_RE = re.compile(r"\s?(?:AH|A\.H\.)(?![A-Za-z])")
_TIME_AFTER_EN_RE = re.compile(
    r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|o’clock|(?:GMT|BST|UTC|EST|EDT|CET|CEST|ET|PT|PST|PDT|IST|"
    r"AEST|JST|local time|hrs)\b)", re.I)
_TIME_AFTER_AR_RE = re.compile(r"\s?(?:صباحا|صباح|مساء|مساءا|ظهرا|عصرا|ليلا|فجرا)(?![\u0621-\u064a])")
_DEFINITE_BEFORE_AR_RE = re.compile(r"(?:^|\s)[وفبل]?(?:ال|لل)[\u0621-\u064a]{2,}\s$")
_CENTURY_BEFORE_AR_RE = re.compile(r"(?:ال|لل)?قرن\s?$")
_CENTURY_AFTER_EN_RE = re.compile(r"[\s-]centur(?:y|ies)\b", re.I)
_TIME_BEFORE_AR_RE = re.compile(r"(?:ال)?ساع[ةه]\s?$")
_EN_COMPOUND_RE = re.compile(
    r"(?<![A-Za-z])(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand)-?"
    r"(?:fold|somes?|balls?)(?![A-Za-z])", re.I)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_HINT_RE = re.compile(r"(?<![A-Za-z])[IVX]{1,5}(?![A-Za-z0-9])")
_ROMAN_AFTER_NAME = frozenset("II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI".split())
_ROMAN_CUES = frozenset("type phase class grade stage war category level part chapter volume article tier wave "
                        "schedule title act".split())
_ARTICLE_BEFORE_RE = re.compile(r"(?:^|[^\u0621-\u064a])[وفبك]?(?:ال|لل)\s?$")
_HMM_RE = re.compile(r"[0-9]{1,2}\.[0-5][0-9]")
# Qualifiers: the text just before a number (or just after, for «تقريبًا», "or more").
# "the 20 most popular": a comparative glued after the number is how English may render «أكثر من 20»
_QUAL_AFTER_EN = re.compile(r"\s?(?P<q>or\s+more|or\s+so|or\s+less|plus|\+|most|more)(?![A-Za-z])", re.I)
_QUAL_AFTER_AR = re.compile(r"\s?(?P<q>تقريبا|علي\s+الاقل|فاكثر|او\s+اكثر|فما\s+فوق)(?![\u0621-\u064a])")
_QUAL_CLASS = {
    "more than": "more-than", "over": "more-than", "beyond": "more-than", "as little as": "up-to",
    "as few as": "up-to", "as low as": "up-to", "above": "more-than", "in excess of": "more-than",
    "upwards of": "more-than", "exceeding": "more-than", "greater than": "more-than", "just over": "more-than",
    "or more": "at-least", "plus": "at-least", "+": "at-least", "most": "more-than", "more": "more-than",
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least",
    "less than": "less-than", "fewer than": "less-than", "under": "less-than", "below": "less-than",
    "just under": "less-than", "or less": "less-than",
    "up to": "up-to", "as many as": "up-to", "as much as": "up-to",
    "اكثر من": "more-than", "ما يزيد عن": "more-than", "ما يزيد علي": "more-than", "يزيد عن": "more-than",
    "يزيد علي": "more-than", "ازيد من": "more-than", "ما يربو علي": "more-than", "ما يربو عن": "more-than",
    "ما لا يقل عن": "at-least", "لا يقل عن": "at-least", "علي الاقل": "at-least", "فاكثر": "at-least",
    "او اكثر": "at-least", "فما فوق": "at-least",
    "اقل من": "less-than", "ما يقل عن": "less-than", "دون": "less-than",
    "ما يصل الي": "up-to", "يصل الي": "up-to", "تصل الي": "up-to", "حتي": "up-to",
}
_QUAL_ABOUT = (
    "about", "around", "approximately", "approx.", "approx", "roughly", "some", "nearly", "almost", "close to",
    "an estimated", "estimated", "circa", "ca.", "ca", "c.", "~",
    "نحو", "حوالي", "قرابة", "قرابه", "زهاء", "ما يقرب من", "ما يقارب", "يقارب", "تقريبا",
)


def _qualifier_table() -> Dict[str, str]:
    """Qualifier phrases that stand before a number, Arabic ones also with a prefix («بأكثر من», «لنحو»)."""
    after_only = ("or more", "plus", "+", "or less", "most", "more", "علي الاقل", "فاكثر", "او اكثر", "فما فوق")
    table = {k: v for k, v in _QUAL_CLASS.items() if k not in after_only}
    table.update({k: "about" for k in _QUAL_ABOUT})
    for k, v in list(table.items()):
        if "\u0621" <= k[0] <= "\u064a":
            for p in ("و", "ف", "ب", "ل", "وب", "ول"):
                table.setdefault(p + k, v)
    return table


_QUAL_BEFORE = _qualifier_table()
_RANGE_GAP_EN = re.compile(r"\s*(?:-|–|—|~|to|and|through)\s*$", re.I)
_RANGE_GAP_AR = re.compile(r"\s*(?:-|–|—|~|الي|حتي|و|او)\s*$")
# A day of a month: a qualifier before it is a preposition ("until 15 March", «حتى 15 مارس»), not a bound.
_MONTH_AFTER_RE = re.compile(
    r"\s*(?:يناير|فبراير|مارس|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر|"
    r"كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\u0621-\u064aA-Za-z])", re.I)
_DEFINITE_NUMBER_RE = re.compile(r"(?:(?<![\u0621-\u064a])ال|\bthe)\s*$", re.I)
_NEGATION_BEFORE_RE = re.compile(r"(?:(?<![\u0621-\u064a])(?:لا|لم|لن|ما)|\b(?:not|never|no))\s+$", re.I)
_PER_HOUR = {"mi": "mph", "km": "km/h"}
_PER_HOUR_AR_RE = re.compile(r"\s*(?:في|ب|/)\s?(?:ال)?ساع[ةه]")
_GROUPED_RE = re.compile("[,\u066c\u060c]")
_PARTITIVE_AFTER_RE = re.compile(r"\s*(?:%\s*)?(?:من|of)(?![\u0621-\u064aA-Za-z])", re.I)
_BETWEEN_EN = re.compile(r"(?:between|from)\s+(?:(?:US|A|C)?[$£€¥]\s?)?$", re.I)
_BETWEEN_AR = re.compile(r"(?:بين|من|ما\s+بين)\s*$")
_ENTITIES = (("&gt;", ">"), ("&lt;", "<"), ("&ge;", "≥"), ("&le;", "≤"))
_EXCEED_RE = re.compile(
    r"(?:(?<![\u0621-\u064a])[وف]?(?:[يت]?تجاوز|تجاوزت|[يت]?تعدي|تعدت|[يت]?تخطي|تخطت|فاق|فاقت|[يت]فوق)"
    r"(?![\u0621-\u064a])|\b(?:exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|topp(?:ed|ing))\b)"
    r"(?:\s+[^\s\d]+){0,2}\s*$", re.I)
# What a number in a reference stands after: a figure, a table, an equation, a citation.
_REF_BEFORE_RE = re.compile(
    r"(?:(?<![\u0621-\u064a])[وب]?(?:ال)?(?:شكل|جدول|معادل[ةه]|مرجع|ملحق)(?:ين)?|"
    r"\b(?:fig(?:ure)?s?\.?|tables?|tab\.|eqs?\.|equations?|refs?\.?|references?|appendix|supplementary\s+\w+))"
    r"\s*[(\[]?\s*$", re.I)
_BRACKET_BEFORE = re.compile(
    r"[(\[]\s*(?:(?:about|approximately|around|roughly|some|nearly|almost|ca\.?|c\.|~|نحو|حوالي|اي)\s*)?"
    r"(?:(?:US|A|C)?[$£€¥]\s?)?$", re.I)
# Units after a number, for the unit conversions that translators add in brackets.
_UNIT_AFTER_EN = re.compile(
    r"\s?-?(?P<u>[mµμun]?mol/d?l|[mµμun]?mol(?:es)?\s+per\s+lit(?:er|re)|millimol(?:es)?|micromol(?:es)?|mol(?:es)?|"
    r"kilobases?|kb|kbp|base\s+pairs|bp|kilodaltons?|kda|angstroms?|Å|nanomet(?:er|re)s?|nm|micromet(?:er|re)s?|"
    r"µm|μm|microlit(?:er|re)s?|µl|μl|millilit(?:er|re)s?|mg/dl|mg/l|g/dl|g/l|"
    r"miles?\s+(?:per|an|a)\s+hour|kilomet(?:er|re)s?\s+(?:per|an|a)\s+hour|km/h|kph|mph|km|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s?|cm|centimet(?:er|re)s?|mm|"
    r"millimet(?:er|re)s?|feet|foot|ft|inch(?:es)?|yards?|kg|kilo(?:gram)?s?|grams?|g|mg|tonnes?|tons?|"
    r"lbs?|pounds?|ounces?|oz|°\s?C|°\s?F|degrees?\s+(?:celsius|centigrade|fahrenheit)|degrees?|litres?|liters?|"
    r"ml|gallons?|acres?|hectares?|square\s+(?:miles|kilomet(?:er|re)s|met(?:er|re)s|feet)|"
    r"dollars?|euros?|pounds?\s+sterling|yuan|rupees?|dirhams?|riyals?|dinars?)(?![A-Za-z])", re.I)
_UNIT_AFTER_AR = re.compile(
    r"\s?(?P<u>(?:ميلي|ميكرو|نانو)?\s?مول(?:ي)?(?:\s?/\s?|\s+لكل\s+|\s+في\s+ال)لتر|(?:ميلي|ميكرو|نانو)\s?مول|مول|"
    r"كيلو\s?قاعد[ةه]|كيلو\s?قواعد|كيلو\s?دالتون|زوج\s+قاعد[ةه]|ازواج\s+قاعد[ةه]|انغستروم|انجستروم|نانومترا?ت?|"
    r"ميكرومترا?ت?|ميكرولترا?ت?|مل(?:ي)?لترا?ت?|كيلو\s?مترا?ت?|كم|ميلا?|اميال|مترا?|امتار|سم|سنتيمترا?ت?|قدما?|اقدام|بوص[ةه]|كيلوغراما?ت?|كيلوجراما?ت?|"
    r"كغ|كجم|غراما?ت?|جراما?ت?|رطلا?|ارطال|طنا?|اطنان|لترا?ت?|درج[ةه]\s+(?:ميوي[ةه]|فهرنهايت)|درجات|درج[ةه]|"
    r"دولارا?ت?|جنيها?ت?|يورو|يوان|روبي[ةه]|درهما?|دراهم|ريالا?ت?|دينارا?|دنانير|هكتارا?ت?|فدانا?)"
    r"(?![\u0621-\u064a])")
_UNIT_CANON = {
    "mol/l": "mol/L", "mmol/l": "mmol/L", "µmol/l": "µmol/L", "μmol/l": "µmol/L", "umol/l": "µmol/L",
    "nmol/l": "nmol/L", "mol/dl": "mol/dL", "mmol/dl": "mmol/dL", "millimol": "mmol", "micromol": "µmol",
    "mol": "mol", "mole": "mol", "mol per liter": "mol/L", "mol per litre": "mol/L",
    "mmol per liter": "mmol/L", "mmol per litre": "mmol/L",
    "kilobase": "kb", "kb": "kb", "kbp": "kb", "base pair": "bp", "bp": "bp", "kilodalton": "kDa", "kda": "kDa",
    "angstrom": "Å", "å": "Å", "nanometer": "nm", "nanometre": "nm", "nm": "nm", "micrometer": "µm",
    "micrometre": "µm", "µm": "µm", "μm": "µm", "microliter": "µl", "microlitre": "µl", "µl": "µl", "μl": "µl",
    "milliliter": "ml", "millilitre": "ml", "mg/dl": "mg/dL", "mg/l": "mg/L", "g/dl": "g/dL", "g/l": "g/L",
    "مولي/لتر": "mol/L", "مول/لتر": "mol/L", "ميلي مول": "mmol", "ميليمول": "mmol", "ميكرو مول": "µmol",
    "ميكرومول": "µmol", "نانو مول": "nmol", "نانومول": "nmol", "مول": "mol",
    "كيلو قاعد": "kb", "كيلوقاعد": "kb", "كيلو قواعد": "kb", "كيلوقواعد": "kb", "كيلو دالتون": "kDa",
    "كيلودالتون": "kDa", "زوج قاعد": "bp", "ازواج قاعد": "bp", "انغستروم": "Å", "انجستروم": "Å",
    "نانومتر": "nm", "ميكرومتر": "µm", "ميكرولتر": "µl", "مليلتر": "ml", "ميليلتر": "ml",
    "km": "km", "kilometer": "km", "kilometre": "km", "كيلومتر": "km", "كيلو متر": "km", "كم": "km",
    "mile": "mi", "mi": "mi", "ميل": "mi", "اميال": "mi",
    "meter": "m", "metre": "m", "متر": "m", "امتار": "m",
    "cm": "cm", "centimeter": "cm", "centimetre": "cm", "سم": "cm", "سنتيمتر": "cm",
    "mm": "mm", "millimeter": "mm", "millimetre": "mm",
    "feet": "ft", "foot": "ft", "ft": "ft", "قدم": "ft", "اقدام": "ft",
    "inch": "in", "inche": "in", "بوص": "in", "yard": "yd",
    "kg": "kg", "kilo": "kg", "kilogram": "kg", "كيلوغرام": "kg", "كيلوجرام": "kg", "كغ": "kg", "كجم": "kg",
    "gram": "g", "g": "g", "غرام": "g", "جرام": "g", "mg": "mg",
    "tonne": "t", "ton": "t", "طن": "t", "اطنان": "t",
    "lb": "lb", "pound": "lb", "رطل": "lb", "ارطال": "lb", "ounce": "oz", "oz": "oz",
    "°c": "°C", "°f": "°F", "degree celsius": "°C", "degree centigrade": "°C", "degree fahrenheit": "°F",
    "درج ميوي": "°C", "درج فهرنهايت": "°F",
    "litre": "l", "liter": "l", "لتر": "l", "ml": "ml", "gallon": "gal",
    "acre": "acre", "hectare": "ha", "هكتار": "ha", "فدان": "feddan",
    "km/h": "km/h", "kph": "km/h", "mph": "mph",
    "dollar": "$", "دولار": "$", "euro": "€", "يورو": "€", "pound sterling": "£", "جنيه": "£",
    "yuan": "CNY", "يوان": "CNY", "rupee": "INR", "dirham": "AED", "درهم": "AED", "دراهم": "AED",
    "riyal": "SAR", "ريال": "SAR", "dinar": "dinar", "دينار": "dinar", "دنانير": "dinar",
}


def annotate(r: Raw, norm: str, lang: str) -> None:
    """Percent, year, Hijri, time, ordinal, currency, unit and qualifier: read off the text around a number."""
    ar = lang == "ar"
    e = r.e
    if ar and r.form == "words" and r.kind == "cardinal" and r.v >= 11 and norm.startswith("ال", r.s) and \
            _DEFINITE_BEFORE_AR_RE.search(norm, max(0, r.s - 20), r.s):
        # A definite number after a definite noun is an ordinal: «الذكرى الخمسين» is the 50th anniversary
        r.kind, r.sal = "ordinal", MEDIUM
    if ar and r.kind == "ordinal" and r.form == "words" and r.v == int(r.v) and 1 <= r.v <= 12 and (
            _TIME_BEFORE_AR_RE.search(norm, max(0, r.s - 8), r.s) or _TIME_AFTER_AR_RE.match(norm, e)):
        # Arabic tells the hour with an ordinal: «العاشرة مساءً» is 10 pm, «الساعة الثالثة» three o'clock
        r.kind, r.sal = "time", MEDIUM
    if r.kind in ("ordinal", "cardinal") and r.v == int(r.v) and 1 <= r.v <= 30:
        if ar and _CENTURY_BEFORE_AR_RE.search(norm, max(0, r.s - 10), r.s) or \
                not ar and _CENTURY_AFTER_EN_RE.match(norm, e):
            r.kind = "century"  # «القرن التاسع عشر», «القرن 19», "the 19th century"
    if r.kind in ("cardinal", "ordinal") or (r.kind == "fraction" and r.form == "digits"):
        m = (_PCT_AR_RE if ar else _PCT_EN_RE).match(norm, e)
        if m is None and ar:
            m = _PCT_EN_RE.match(norm, e)
        if m:
            r.kind, r.unit, r.e = "percent", "%", m.end()
            e = r.e
    if r.unit == "%" and r.kind == "cardinal":
        r.kind = "percent"
    if r.kind == "cardinal" and r.form == "digits":
        iv = r.v
        if ar:
            m = _HIJRI_AR_RE.match(norm, e)
            if m and iv == int(iv) and 1 <= iv <= 1600:
                r.kind, r.e = "hijri", m.end()
                e = r.e
            elif 1000 <= iv <= 2100 and iv == int(iv) and not r.alts and not _UNIT_AFTER_AR.match(norm, e) \
                    and not _GROUPED_RE.search(norm, r.s, r.e):  # «1,500» is a count, not a year
                r.kind = "year"
                m = _GREG_AR_RE.match(norm, e)
                if m:
                    r.e = e = m.end()
            if r.kind == "cardinal" and iv < 25 and (_TIME_BEFORE_AR_RE.search(norm, max(0, r.s - 8), r.s)
                                                     or _TIME_AFTER_AR_RE.match(norm, e)):
                r.kind = "time"
                if _HMM_RE.fullmatch(norm, r.s, r.e):
                    r.v = int(iv) + round((iv - int(iv)) * 100) / 60  # «7.55 صباحًا»
            elif r.kind == "cardinal" and _ARTICLE_BEFORE_RE.search(norm, max(0, r.s - 6), r.s):
                r.kind = "ordinal"  # «الـ155»
        else:
            m = _HIJRI_EN_RE.match(norm, e)
            if m and iv == int(iv):
                r.kind, r.e = "hijri", m.end()
                e = r.e
            elif 1000 <= iv <= 2100 and iv == int(iv) and r.mag == 1 and not _UNIT_AFTER_EN.match(norm, e) \
                    and "," not in norm[r.s:r.e]:
                r.kind = "year"
            else:
                m = _TIME_AFTER_EN_RE.match(norm, e)
                if m and iv < 25:
                    r.kind, r.e = "time", m.end()
                    frac = round((iv - int(iv)) * 100)
                    if frac and frac < 60 and frac == round((iv - int(iv)) * 100, 6):
                        r.v = int(iv) + frac / 60   # "9.30 BST" is half past nine
                    if m.group().strip().lower().startswith("p") and r.v < 12:
                        r.v += 12
                    e = r.e
        if r.kind == "cardinal" and r.unit is None and 0 < iv < 25 and _HMM_RE.fullmatch(norm, r.s, r.e):
            r.alts = r.alts + (int(iv) + round((iv - int(iv)) * 100) / 60,)  # "12.30" may be a time
    # currency and units, for messages and unit conversions
    if r.unit is None and r.kind in ("cardinal", "range_lo", "range_hi"):
        mc = None if ar else CURRENCY_BEFORE_RE.search(norm, max(0, r.s - 6), r.s)
        if mc is not None:
            r.unit = _currency(mc.group())
        else:
            mu = (_UNIT_AFTER_AR if ar else _UNIT_AFTER_EN).match(norm, e)
            if mu is None and ar:
                mu = _UNIT_AFTER_EN.match(norm, e)  # a unit in Latin letters in Arabic text: «2.9 Å»
            if mu:
                r.unit = _unit(mu.group("u"))
                if ar and r.unit in _PER_HOUR and _PER_HOUR_AR_RE.match(norm, mu.end()):
                    r.unit = _PER_HOUR[r.unit]  # «85 ميلًا في الساعة» is 85 mph
    r.qual = None if _MONTH_AFTER_RE.match(norm, e) else _qualifier_before(norm, r.s, e)
    if r.qual is None:
        qm = (_QUAL_AFTER_AR if ar else _QUAL_AFTER_EN).match(norm, e)
        if qm is not None:
            r.qual = _QUAL_CLASS.get(" ".join(qm.group("q").lower().split()), "about")


def _qualifier_before(norm: str, s: int, e: int) -> Optional[str]:
    """"more than", «نحو», "up to"... just before position ``s`` (a currency sign may stand between)."""
    w = norm[max(0, s - 28):s].rstrip()
    if w[-1:] in ("$", "£", "€", "¥"):
        w = w[:-1].rstrip()
        if w[-2:] == "US":
            w = w[:-2]
    for entity, sign in _ENTITIES:
        if w.endswith(entity):
            w = w[:-len(entity)] + sign  # sources taken from HTML keep "&lt;" and "&gt;"
    if not w:
        return None
    if w[-1] in "~≈":
        return "about"
    if w[-1] in "<≤":
        return "less-than"
    if w[-1] in ">≥":
        return "more-than" if w[-1] == ">" else "at-least"
    words = w.lower().split()[-4:]
    if words[-1:] == ["the"]:
        words = words[:-1]  # "more than the 20.4 million"
    for k in (3, 2, 1):
        if len(words) >= k:
            q = _QUAL_BEFORE.get(" ".join(words[-k:]))
            if q is not None:
                return q
    # a verb of exceeding a few words before: «تعدت الإصابات به 8,000», "cases exceeded 8,000"
    # (but not when the number is the subject: «تجاوز نسبة 47.7% من المرضى سن الخمسين», "47.7% of ... exceeded")
    # nor when it is definite: «قد يتجاوز الحالات الـ 388» compares with a known number, it bounds nothing)
    verb = _EXCEED_RE.search(w)
    if verb and not _PARTITIVE_AFTER_RE.match(norm, e) and not _DEFINITE_NUMBER_RE.search(w):
        # «لا يتجاوز عمره 11 عامًا», "not exceeding": at most
        return "up-to" if _NEGATION_BEFORE_RE.search(w, 0, verb.start()) else "more-than"
    return None


def _currency(s: str) -> str:
    s = s.strip().upper()
    for sym, code in (("$", "$"), ("£", "£"), ("€", "€"), ("¥", "¥"), ("₹", "INR"), ("USD", "$"),
                      ("EUR", "€"), ("GBP", "£"), ("RS", "INR")):
        if sym in s:
            return code
    return s


def _unit(u: str) -> str:
    k = re.sub(r"\s+", " ", u.lower())
    if k.endswith(" hour"):
        return "mph" if k.startswith("mile") else "km/h"
    if "مول" in k and "لتر" in k:
        prefix = "ميلي" if "ميلي" in k else "ميكرو" if "ميكرو" in k else "نانو" if "نانو" in k else ""
        return {"ميلي": "mmol/L", "ميكرو": "µmol/L", "نانو": "nmol/L", "": "mol/L"}[prefix]
    k = re.sub(r"\s*/\s*", "/", k)
    for cand in (k, k.rstrip("s"), k[:-2] if k.endswith("es") else k, k.rstrip("اتا"), k.rstrip("ا"),
                 k.replace("ة", "").replace("ه", "")):
        if cand in _UNIT_CANON:
            return _UNIT_CANON[cand]
    if k.startswith("°") or k.startswith("degree"):
        return "°F" if "f" in k else "°C" if "c" in k.replace("degree", "") else "°"
    if k.startswith("square"):
        return "area"
    if k.startswith("درج"):
        return "°C" if "ميوي" in k else "°"
    return k


_NOT_RANGE = frozenset(("reference", "code", "phone", "time", "date", "hijri", "vague", "century", "decade"))


def _mark_ranges(raws: List[Raw], norm: str, lang: str) -> None:
    """Mark the two ends of ranges ("5-7", «من 5 إلى 7») and share a magnitude or a percent sign written
    once: "5 to 7 million" is 5,000,000 to 7,000,000."""
    ar = lang == "ar"
    gap_re = _RANGE_GAP_AR if ar else _RANGE_GAP_EN
    for k in range(len(raws) - 1):
        lo, hi = raws[k], raws[k + 1]
        if lo.kind in _NOT_RANGE or hi.kind in _NOT_RANGE:
            continue
        gap = norm[lo.e:hi.s]
        if len(gap) > 12 or not gap_re.match(gap + ""):
            continue
        g = gap.strip().lower()
        needs_between = g in ("and", "و", "او")
        if needs_between or g in ("to", "الي", "حتي", "through"):
            before = (_BETWEEN_AR if ar else _BETWEEN_EN).search(norm, max(0, lo.s - 12), lo.s)
            if needs_between and before is None:
                continue
        lo_v, hi_v = lo.v, hi.v
        # "2007-08": an abbreviated second year
        if lo.kind == "year" and hi.form == "digits" and 0 <= hi_v < 100 and hi.e - hi.s == 2 and \
                (hi_v > lo_v % 100 or hi_v == (lo_v + 1) % 100):
            hi.alts = hi.alts + (hi_v,)  # the other side may write it out or not: "2010–11", «2010-2011»
            hi.v = hi_v = lo_v // 100 * 100 + hi_v + (100 if hi_v <= lo_v % 100 else 0)  # "1999–00"
            hi.kind = "year"
            lo.kind, hi.kind = "range_lo", "range_hi"
            continue
        if hi.mag > 1 and lo.mag == 1 and lo.form != "code" and lo_v * hi.mag <= hi_v:
            lo.v = lo_v = lo_v * hi.mag
            lo.mag = hi.mag
            lo.alts = ()
        if hi.kind == "percent" and lo.kind == "cardinal":
            lo.unit = "%"
        if lo.unit is None and hi.unit is not None:
            lo.unit = hi.unit
        ends = ("cardinal", "percent", "year")
        if lo_v < hi_v and lo.kind in ends and hi.kind in ends:
            lo.kind, hi.kind = "range_lo", "range_hi"


def _mark_brackets(raws: List[Raw], norm: str) -> None:
    """A number in brackets right after another number is a conversion or a gloss: "4.5 m (15 ft)"."""
    for k in range(1, len(raws)):
        r = raws[k]
        if r.s == 0 or "(" not in norm[max(0, r.s - 30):r.s] and "[" not in norm[max(0, r.s - 30):r.s]:
            continue
        m = _BRACKET_BEFORE.search(norm, max(0, r.s - 30), r.s)
        if m is None:
            continue
        prev = raws[k - 1]
        between = norm[prev.e:m.start()]
        if len(between) <= 30 and "(" not in between and ")" not in between and "," not in between:
            r.bracketed = True


def _roman(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


def _add_roman(raws: List[Raw], norm: str) -> List[Raw]:
    """Roman numerals ("type II", "World War II", "angiotensin II"): soft ordinals, so that the «2» of the
    Arabic pairs with them."""
    found = []
    for m in _ROMAN_HINT_RE.finditer(norm):
        tok, s = m.group(), m.start()
        sep = norm[s - 1:s]
        if sep not in (" ", "-"):
            continue
        before = norm[max(0, s - 12):s - 1].split()
        prev = before[-1] if before else ""
        cue = prev.lower().rsplit("-", 1)[-1] in _ROMAN_CUES
        if not (cue or tok in _ROMAN_AFTER_NAME and sep == " " and prev[-1:].isalpha()):
            continue
        v = _roman(tok)
        if v and not any(r.s <= s < r.e for r in raws):
            found.append(Raw(s, m.end(), float(v), "ordinal", "words", SOFT))
    if not found:
        return raws
    return sorted(raws + found, key=lambda r: r.s)


def _add_compounds(raws: List[Raw], norm: str) -> List[Raw]:
    """Words built on a number ("fourballs", "threefold", "foursome"): soft, they pair with the number of
    the Arabic («الأربع كرات») and are never flagged."""
    found = [Raw(m.start(1), m.end(), float(EN_WORDS[m.group(1).lower()][1]), "multiplier", "words", SOFT)
             for m in _EN_COMPOUND_RE.finditer(norm)]
    return sorted(raws + found, key=lambda r: r.s) if found else raws


def _mark_urls(raws: List[Raw], norm: str) -> None:
    spans = [m.span() for m in _URL_RE.finditer(norm)]
    if not spans:
        return
    for r in raws:
        for s, e in spans:
            if s <= r.s < e:
                r.kind, r.form, r.sal = "code", "code", SOFT


_TERM_BRACKET_RE = re.compile(r"\s*[(\[][^()\[\]]{0,40}$")


_REPEAT_BRACKET_RE = re.compile(r"\s*(?:[^\s()\[\]]+\s+)?[(\[][^()\[\]]{0,80}$")
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)\W*$")


def _word_before(norm: str, s: int) -> str:
    m = _LAST_WORD_RE.search(norm, max(0, s - 30), s)
    return m.group(1).lower() if m else ""


def _mark_references(raws: List[Raw], norm: str) -> None:
    """Numbers that name rather than count are soft (paired, never flagged): a reference to a figure, a table,
    an equation or a citation ("(Figure 2)", «(الجدول 2)»), citation debris glued after a bracket ("2)2)"),
    and the number of a term said again in the identifier in brackets after it ("enzyme 2 (ACE2)",
    «كورونا 2019 (كوفيد-19)»)."""
    for k, r in enumerate(raws):
        if r.form != "digits" or r.kind in ("code", "phone"):
            continue
        if _REF_BEFORE_RE.search(norm, max(0, r.s - 24), r.s) or r.s and norm[r.s - 1] in ")]" or \
                norm[max(0, r.s - 2):r.s] in (").", "].") or norm[max(0, r.s - 3):r.s] in (") .", "] ."):
            r.kind, r.sal = "reference", SOFT
            continue
        if k + 1 < len(raws):
            nxt = raws[k + 1]
            if nxt.kind == "code" and _TERM_BRACKET_RE.match(norm[r.e:nxt.s]) is not None and \
                    any(v == r.v or v == r.v % 100 for v in (nxt.v,) + nxt.alts):
                r.kind, r.sal = "reference", SOFT
            elif nxt.form == "digits" and nxt.v == r.v and _REPEAT_BRACKET_RE.match(norm[r.e:nxt.s]) and \
                    _word_before(norm, r.s) == _word_before(norm, nxt.s) != "":
                # the term said again in brackets: «الإنزيم 2 البشري (الإنزيم 2)» names one enzyme once
                nxt.kind, nxt.sal = "reference", SOFT


_HYPHEN_WORD_RE = re.compile(r"-([A-Za-z]+)")


def _mark_compounds(raws: List[Raw], norm: str) -> None:
    """A number word hyphened to a word is part of a compound ("three-dimensional", "one-sided", "two-way")
    whose meaning the source carries its own way («ثلاثي الأبعاد»): soft, paired but never flagged."""
    for r in raws:
        if r.form == "words":
            m = _HYPHEN_WORD_RE.match(norm, r.e)
            if m and m.group(1).lower() not in EN_WORDS:
                r.sal = SOFT


def mark_context(raws: List[Raw], norm: str, lang: str) -> List[Raw]:
    """Add Roman numerals and number-built words, then mark ranges, bracketed conversions and URLs."""
    if lang == "en":
        if _ROMAN_HINT_RE.search(norm):
            raws = _add_roman(raws, norm)
        if _EN_COMPOUND_RE.search(norm):
            raws = _add_compounds(raws, norm)
    if not raws:
        return raws
    _mark_references(raws, norm)
    if lang == "en" and "-" in norm:
        _mark_compounds(raws, norm)
    _mark_ranges(raws, norm, lang)
    _mark_brackets(raws, norm)
    if "@" in norm or "://" in norm or "www." in norm or "#" in norm or "<" in norm:
        _mark_urls(raws, norm)
    return raws
