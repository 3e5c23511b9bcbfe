"""Fixtures for the model tests: tiny locally built models, an isolated cache, and a blocked network.

Test modules import what they use: ``from tests.conftest_models import models_env, tiny_models``.
``models_env`` is autouse in every module that imports it: no test there can reach the network, and every
cache (tqcheck's, the Hugging Face one) is a fresh temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path
from typing import Iterator, List, Optional

import pytest

# Sentences written for these tests (news register, names and numbers), so the tiny models never need
# ../shared. Pairs are translations of each other.
SENTENCES = [
    ("قالت وزارة الصحة إن 120 مريضا غادروا المستشفى يوم الاثنين.",
     "The health ministry said 120 patients left the hospital on Monday."),
    ("وصل الرئيس إلى القاهرة صباح الثلاثاء في زيارة تستغرق يومين.",
     "The president arrived in Cairo on Tuesday morning for a two-day visit."),
    ("ارتفعت أسعار النفط بنسبة 3 في المئة خلال الأسبوع الماضي.",
     "Oil prices rose by 3 percent over the past week."),
    ("أعلنت الحكومة عن خطة جديدة لبناء 500 مدرسة.", "The government announced a new plan to build 500 schools."),
    ("التقى وزير الخارجية بنظيره الأردني في عمان.", "The foreign minister met his Jordanian counterpart in Amman."),
    ("هطلت أمطار غزيرة على مدينة جدة مساء أمس.", "Heavy rain fell on the city of Jeddah yesterday evening."),
    ("افتتح المعرض الدولي للكتاب أبوابه أمام الزوار.", "The international book fair opened its doors to visitors."),
    ("فاز المنتخب الوطني على منافسه بهدفين مقابل هدف.", "The national team beat its rival by two goals to one."),
    ("قال المتحدث إن المفاوضات ستستأنف الأسبوع المقبل.", "The spokesman said negotiations would resume next week."),
    ("بلغ عدد سكان المدينة أكثر من مليوني نسمة.", "The city's population has exceeded two million people."),
    ("أغلقت المدارس أبوابها بسبب العاصفة الرملية.", "Schools closed their doors because of the sandstorm."),
    ("وقعت الشركتان اتفاقية بقيمة 40 مليون دولار.", "The two companies signed an agreement worth 40 million dollars."),
    ("أكد الطبيب أن حالة المريض مستقرة.", "The doctor confirmed that the patient's condition is stable."),
    ("سيعقد المؤتمر في الرياض في شهر مارس.", "The conference will be held in Riyadh in March."),
    ("انخفضت درجات الحرارة إلى خمس درجات مئوية.", "Temperatures dropped to five degrees Celsius."),
    ("قدم الوزير استقالته إلى رئيس الوزراء.", "The minister submitted his resignation to the prime minister."),
    ("تم تأجيل الرحلة بسبب سوء الأحوال الجوية.", "The flight was postponed because of bad weather."),
    ("يعمل أكثر من ألف موظف في المصنع الجديد.", "More than a thousand employees work at the new factory."),
    ("نشرت الصحيفة تقريرا عن الفساد في البلدية.",
     "The newspaper published a report on corruption in the municipality."),
    ("دعت الأمم المتحدة إلى وقف إطلاق النار فورا.", "The United Nations called for an immediate ceasefire."),
    ("زار آلاف السياح مدينة البتراء هذا العام.", "Thousands of tourists visited the city of Petra this year."),
    ("أعلن البنك المركزي رفع سعر الفائدة.", "The central bank announced an increase in the interest rate."),
    ("تلقى الطلاب نتائج الامتحانات يوم الخميس.", "Students received their exam results on Thursday."),
    ("أصيب ثلاثة أشخاص في حادث سير على الطريق السريع.", "Three people were injured in a road accident on the highway."),
    ("سافرت البعثة الطبية إلى السودان لتقديم المساعدة.", "The medical mission travelled to Sudan to provide help."),
    ("قررت المحكمة تأجيل القضية إلى الشهر المقبل.", "The court decided to postpone the case until next month."),
    ("يبدأ شهر رمضان يوم الأحد بحسب مجلس القضاء.", "Ramadan begins on Sunday according to the judicial council."),
    ("حقق الفيلم نجاحا كبيرا في دور العرض.", "The film was a great success in cinemas."),
    ("طالب المزارعون بدعم أكبر من الحكومة.", "Farmers demanded more support from the government."),
    ("أطلقت الوكالة قمرا صناعيا جديدا إلى الفضاء.", "The agency launched a new satellite into space."),
    ("شارك 25 بلدا في القمة الاقتصادية في الدوحة.", "Twenty-five countries took part in the economic summit in Doha."),
    ("تستمر أعمال الترميم في المسجد القديم.", "Restoration work continues at the old mosque."),
    ("ألقت الشرطة القبض على اثنين من المشتبه بهم.", "Police arrested two suspects."),
    ("ستفتح الحدود أمام المسافرين ابتداء من الغد.", "The border will open to travellers from tomorrow."),
    ("أشاد المدرب بأداء اللاعبين في المباراة.", "The coach praised the players' performance in the match."),
    ("تراجعت نسبة البطالة إلى 7 في المئة.", "The unemployment rate fell to 7 percent."),
    ("وصلت شحنة من اللقاحات إلى مطار بيروت.", "A shipment of vaccines arrived at Beirut airport."),
    ("قال الخبراء إن الجفاف يهدد المحاصيل.", "Experts said the drought threatens the crops."),
    ("اجتمع مجلس الأمن لمناقشة الوضع في اليمن.", "The Security Council met to discuss the situation in Yemen."),
    ("افتتحت الجامعة كلية جديدة للطب.", "The university opened a new faculty of medicine."),
]
ARABIC = [ar for ar, _ in SENTENCES]
ENGLISH = [en for _, en in SENTENCES]

# CTranslate2 is a core dependency only where PyPI has wheels for it; its tests skip without it.
HAS_CT2 = importlib.util.find_spec("ctranslate2") is not None
NEEDS_CT2 = pytest.mark.skipif(not HAS_CT2, reason="ctranslate2 is not installed (no wheel for this platform?)")
ENGINES = ["transformers", pytest.param("ctranslate2", marks=NEEDS_CT2)]

FORWARD_ID = "Helsinki-NLP/opus-mt-ar-en"
BACKWARD_ID = "Helsinki-NLP/opus-mt-en-ar"
# Random weights with the default std of 0.02 give the same output for every input; a larger one makes
# the output depend on the input, which the caching and batching tests need.
INIT_STD = 0.5


def shared_dir() -> Optional[Path]:
    """../shared beside the repository, else $TQCHECK_SHARED (default /work/shared); None if absent."""
    sibling = Path(__file__).resolve().parents[1].parent / "shared"
    for candidate in (sibling, Path(os.environ.get("TQCHECK_SHARED", "/work/shared"))):
        if (candidate / "data").is_dir():
            return candidate
    return None


class NetworkUsed(AssertionError):
    """Raised by the blocked socket functions."""


def block_network(mp: pytest.MonkeyPatch, attempts: List[str]) -> None:
    """Make every connection and name lookup fail (and record it)."""

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise NetworkUsed(f"network use in a test: {args[:2]!r}")

    mp.setattr(socket.socket, "connect", refuse)
    mp.setattr(socket.socket, "connect_ex", refuse)
    mp.setattr(socket, "getaddrinfo", refuse)
    mp.setattr(socket, "create_connection", refuse)


def isolate_caches(mp: pytest.MonkeyPatch, root: Path) -> None:
    """Fresh tqcheck and Hugging Face caches, offline mode on, no model folders from the environment."""
    import huggingface_hub.constants as hub

    mp.setenv("TQCHECK_CACHE", str(root / "tqcheck-cache"))
    mp.setenv("HF_HUB_OFFLINE", "1")
    mp.setattr(hub, "HF_HUB_OFFLINE", True)
    mp.setattr(hub, "HF_HUB_CACHE", str(root / "hf-cache"))
    for name in ("TQCHECK_MODELS", "TQCHECK_ENGINE", "TQCHECK_MODELS_TXT"):
        mp.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def models_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[List[str]]:
    """Autouse: no network, isolated caches. Fails the test if anything tried to connect."""
    attempts: List[str] = []
    isolate_caches(monkeypatch, tmp_path)
    block_network(monkeypatch, attempts)
    yield attempts
    assert not attempts, f"the test used the network: {attempts}"


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model folder with the two catalogue models, built from ``SENTENCES`` (d_model 32).

    The backward (en-ar) model has target tokens ``>>ara<<`` and ``>>arz<<``, like opus-mt-en-ar.
    """
    from tiny_models import build_marian

    root = tmp_path_factory.mktemp("models")
    attempts: List[str] = []
    with pytest.MonkeyPatch.context() as mp:
        isolate_caches(mp, root)
        block_network(mp, attempts)
        build_marian(root / FORWARD_ID.replace("/", "--"), ARABIC, ENGLISH, src="ar", tgt="en",
                     spm_size=120, init_std=INIT_STD)
        build_marian(root / BACKWARD_ID.replace("/", "--"), ENGLISH, ARABIC, src="en", tgt="ar",
                     spm_size=120, tags=(">>ara<<", ">>arz<<"), init_std=INIT_STD)
    assert not attempts, f"building the tiny models used the network: {attempts}"
    return root


@pytest.fixture(scope="session")
def tiny_nllb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NLLB-style model (M2M100 architecture, NLLB tokenizer), character vocabulary of ``SENTENCES``."""
    from tiny_models import build_nllb

    root = tmp_path_factory.mktemp("nllb")
    with pytest.MonkeyPatch.context() as mp:
        isolate_caches(mp, root)
        block_network(mp, [])
        build_nllb(root / "facebook--nllb-200-distilled-600M", ARABIC + ENGLISH, init_std=INIT_STD)
    return root
