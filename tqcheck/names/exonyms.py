"""Names that Arabic translates rather than transliterates (Egypt = مصر), so that sound cannot match them."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, Tuple

from tqcheck.text.normalize import normalize_arabic

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
    "brexit": ("بريكس", "بريطاني", "خروج", "انسحاب"), "tokyo": ("طوكيو",), "brussels": ("بروكسل",),
    "hague": ("لاهاي",), "moscow": ("موسكو",), "athens": ("اثينا",), "baghdad": ("بغداد",), "beirut": ("بيروت",),
    "damascus": ("دمشق",),
}



@lru_cache(maxsize=1024)
def _norm_text(text: str) -> str:
    return normalize_arabic(text, teh_marbuta=False)


def exonym_in(latin: str, arabic_norm: str) -> bool:
    """True when ``latin`` is a name Arabic translates (Egypt = مصر) and its Arabic form is in the text."""
    forms = _EXONYMS.get(latin.lower())
    return bool(forms) and any(f in arabic_norm for f in forms or ())

