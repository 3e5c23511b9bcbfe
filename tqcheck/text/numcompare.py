"""Which numbers of a source and its translation are the same number.

Two quantities are the same when one of their readings has the same value (``same_value``): the form does not
matter («سبعين ألف» = "70,000" = "seventy thousand"), nor does the kind (the ordinal "29th" and the cardinal
«29» of a date), except that times compare on a 12-hour clock and decades on their last two digits.

Some differences are legitimate and are accepted in a second pass (``close_value``): a rounded value when one
side says it is approximate or uses a magnitude word ("1.6 million" for 1,613,000), a number written inside
an identifier on the other side (the «2» of «الإنزيم المحول للأنجيوتنسين 2» in "ACE2"), a Hijri year and
the Gregorian year it falls in, a percentage and the same fraction ("50%" for «نصف»).

``pair_quantities`` pairs the two lists, exact matches first (preferring the same kind and the nearest
relative position, so that repeated values pair in order), then close ones.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from tqcheck.text.numbers import Quantity

_REL = 1e-9


def _eq(x: float, y: float) -> bool:
    return x == y or abs(x - y) <= _REL * max(abs(x), abs(y))


def _clock(v: float) -> Tuple[int, int]:
    h = int(v) % 12
    return h, round((v - int(v)) * 60) % 60


def _hour_like(v: float, q: Quantity) -> bool:
    return v == v and (q.kind == "time" and 0 <= v < 25 or 1 <= v <= 24 and v == int(v))


def in_century(century: Quantity, q: Quantity) -> bool:
    """Does year or decade ``q`` fall in ``century`` (the 1930s and the 2000s are in «القرن العشرين»)?"""
    if century.kind != "century" or q.kind not in ("year", "decade", "range_lo", "range_hi") or q.value < 100:
        return False
    c = int(century.value)
    y = int(q.value)
    return (y - 1) // 100 + 1 == c or y // 100 + 1 == c


def year_in_decade(year: Quantity, decade: Quantity) -> bool:
    """Is ``year`` the first year of ``decade`` («الثلاثينيات 1930» and "the 1930s" say one decade)?"""
    if decade.kind != "decade" or year.kind not in ("year", "cardinal") or year.value != year.value:
        return False
    y = int(year.value)
    return year.value == y and y % 10 == 0 and y >= 1000 and (y % 100 == int(decade.value) % 100)


# Units that a reader takes for one another: the sign and the scale of degrees, the two "pounds".
_SAME_UNIT = {"°C": "°", "°F": "°", "lb": "£", "mi": "mi", "l": "l", "t": "t", "x": None, "k": None, "yo": None,
              "yr": "yr", "d": "d"}


def _unit_class(u: Optional[str]) -> Optional[str]:
    return _SAME_UNIT.get(u, u) if u is not None else None


def unit_change(a: Quantity, b: Quantity) -> Optional[Tuple[str, str]]:
    """The units of a pair of equal values when they differ: a percent sign lost or added ("80" for «80%»),
    or two units stated that are not the same ("mmol/L" for «مولي/لتر», "kg" for «كيلو قاعدة»); else None."""
    if a.kind in ("code", "reference") or b.kind in ("code", "reference"):
        return None
    pa, pb = a.kind == "percent" or a.unit == "%", b.kind == "percent" or b.unit == "%"
    if pa != pb:
        if (b if pa else a).kind in ("fraction", "ordinal", "year") or (b if pa else a).form != "digits":
            return None
        return ("%", "") if pa else ("", "%")
    ua, ub = _unit_class(a.unit), _unit_class(b.unit)
    if ua is None or ub is None or ua == ub or a.unit in ("$",) and b.unit in ("$",):
        return None
    if "°" in (ua, ub) and (ua or "").startswith("°") and (ub or "").startswith("°"):
        return None
    return (a.unit or "", b.unit or "")


def same_value(a: Quantity, b: Quantity) -> bool:
    """True when ``a`` and ``b`` say the same number (any reading of either)."""
    if a.kind == "time" or b.kind == "time":
        if a.kind == b.kind or (a.kind in ("time", "cardinal") and b.kind in ("time", "cardinal")):
            # a bare number pairs with a time when it can be an hour ("at 2" for 14:00)
            return any(_clock(x) == _clock(y) for x in a.values for y in b.values
                       if _hour_like(x, a) and _hour_like(y, b))
        return False
    if a.kind == "decade" or b.kind == "decade":
        return any(_eq(x % 100, y % 100) for x in a.values for y in b.values if x == x and y == y)
    for x in a.values:
        for y in b.values:
            if _eq(abs(x), abs(y)):
                return True
    return False


_HIJRI_EPOCH, _HIJRI_RATE = 621.5709, 0.970224


def _hijri_to_gregorian(h: float) -> float:
    return h * _HIJRI_RATE + _HIJRI_EPOCH


def _step(q: Quantity) -> float:
    """The rounding step of a value as written: 1e5 for "1.6 million", 1000 for "16,000"."""
    v = abs(q.value)
    if q.scale > 1:
        mant = v / q.scale
        dec = 0
        while dec < 4 and not _eq(round(mant, dec), mant):
            dec += 1
        return q.scale * 10.0 ** -dec
    if v >= 10 and v == int(v):
        iv, step = int(v), 1
        while iv % 10 == 0 and iv:
            iv //= 10
            step *= 10
        return float(step)
    return 0.0


def _rounds_to(precise: Quantity, rounded: Quantity) -> bool:
    step = _step(rounded)
    if step <= 1:
        return False
    x, y = abs(precise.value), abs(rounded.value)
    if not (y and abs(x - y) / y < 0.05):
        return False
    return abs(x - y) <= step / 2 + 1e-9 * step


def close_value(a: Quantity, b: Quantity) -> Optional[str]:
    """A legitimate difference between ``a`` (source) and ``b`` (translation), named; None when there is none.

    Returns one of "rounded", "identifier", "hijri", "fraction".
    """
    if a.kind == "code" or b.kind == "code":
        if a.kind == "code" and b.kind == "code":
            return "identifier" if same_value(a, b) else None
        return "identifier" if any(_eq(x, y) for x in a.values for y in b.values) else None
    for h, g in ((a, b), (b, a)):
        if h.kind == "hijri" and g.kind in ("year", "cardinal", "range_lo", "range_hi"):
            if abs(_hijri_to_gregorian(h.value) - g.value) <= 1.5:
                return "hijri"
    if (a.kind == "percent") != (b.kind == "percent"):
        p, f = (a, b) if a.kind == "percent" else (b, a)
        if f.kind == "fraction" and abs(p.value / 100 - f.value) < 0.006:
            return "fraction"
    if a.qualifier or b.qualifier or a.scale > 1 or b.scale > 1:
        if _rounds_to(a, b) or _rounds_to(b, a):
            return "rounded"
    return None


@dataclass(frozen=True)
class Pairing:
    """The result of ``pair_quantities``: pairs ``(source, target, how)`` where ``how`` is "same" or a
    ``close_value`` name, and the quantities of each side left without a partner."""

    pairs: Tuple[Tuple[Quantity, Quantity, str], ...]
    source_left: Tuple[Quantity, ...]
    target_left: Tuple[Quantity, ...]


_KIND_GROUP = {"range_lo": "cardinal", "range_hi": "cardinal", "year": "cardinal", "date": "cardinal",
               "ordinal": "cardinal", "multiplier": "cardinal", "vague": "cardinal"}


_SLOW_KINDS = frozenset(("time", "decade", "code"))


def _key(v: float) -> float:
    return round(abs(v), 6) if v == v else -1.0


def _score(a: Quantity, b: Quantity, sl: int, tl: int) -> float:
    """Prefer partners of the same kind at the same relative position; an identifier is the last resort."""
    score = -abs(a.span[0] / sl - b.span[0] / tl)
    if _KIND_GROUP.get(a.kind, a.kind) == _KIND_GROUP.get(b.kind, b.kind):
        score += 1
    if a.kind == "code" or b.kind == "code":
        score -= 2
    return score


def pair_quantities(source: Sequence[Quantity], target: Sequence[Quantity], source_len: int = 0,
                    target_len: int = 0) -> Pairing:
    """Pair the quantities of a source with those of its translation.

    Args:
        source, target: quantities of each side (``extract_numbers``).
        source_len, target_len: the lengths of the two texts, to prefer pairs at similar relative positions.

    Returns:
        A ``Pairing``.
    """
    sl, tl = max(source_len, 1), max(target_len, 1)
    pairs: List[Tuple[Quantity, Quantity, str]] = []
    s_free = list(range(len(source)))
    t_free = list(range(len(target)))
    full = len(source) * len(target) <= FULL_PAIRS
    near = None if full else _Nearest([target[j].span[0] / tl for j in t_free], NEAREST)
    streamed: List[Tuple[float, int, int, str]] = []
    for phase in ("same", "close"):
        cands = []
        if phase == "same":
            # Plain values are looked up by value; times, decades and identifiers compare the slow way.
            index: Dict[float, List[int]] = {}
            slow_t = []
            for j in t_free:
                b = target[j]
                if b.kind in _SLOW_KINDS:
                    slow_t.append(j)
                else:
                    for v in b.values:
                        index.setdefault(_key(v), []).append(j)
            for i in s_free:
                a = source[i]
                if near is not None:
                    # too many quantities to compare each with each: the nearest by position, and those of
                    # the same value nearest first (a bucket of equal values pairs in order)
                    js: Sequence[int] = _bounded(a, index, near, a.span[0] / sl)
                elif a.kind in _SLOW_KINDS:
                    js = t_free
                else:
                    js = sorted({j for v in a.values for j in index.get(_key(v), ())}) + slow_t
                for j in js:
                    b = target[j]
                    if a.kind == "code" or b.kind == "code":
                        if not (a.kind == b.kind == "code" and same_value(a, b)):
                            continue
                        how = "identifier"
                    elif not same_value(a, b):
                        continue
                    else:
                        how = "same"
                    cands.append((_score(a, b, sl, tl), i, j, how))
                if near is not None:
                    _take_best(cands, streamed)
        else:
            free_t = set(t_free)
            for i in s_free:
                cand_t = t_free if near is None else [j for j in near.around(source[i].span[0] / sl)
                                                      if j in free_t]
                for j in cand_t:
                    how2 = close_value(source[i], target[j])
                    if how2 is not None:
                        cands.append((_score(source[i], target[j], sl, tl), i, j, how2))
                if near is not None:
                    _take_best(cands, streamed)
        if near is not None:
            # too many to hold every candidate: each source, in text order, took its best free partner
            cands, streamed = streamed, []
        if not cands:
            continue
        cands.sort(key=lambda c: -c[0])
        used_s, used_t = set(), set()
        for _, i, j, how in cands:
            if i in used_s or j in used_t:
                continue
            used_s.add(i)
            used_t.add(j)
            pairs.append((source[i], target[j], how))
        s_free = [i for i in s_free if i not in used_s]
        t_free = [j for j in t_free if j not in used_t]
        if not s_free or not t_free:
            break
    pairs.sort(key=lambda p: p[0].span)
    return Pairing(tuple(pairs), tuple(source[i] for i in s_free), tuple(target[j] for j in t_free))


# Up to this many source-target combinations every quantity is compared with every other; beyond it (a
# table flattened into a line, a long list) each is compared with the NEAREST quantities of the other side by
# relative position and with the nearest ones of the same value, so pairing stays near-linear.
FULL_PAIRS = 40_000
NEAREST = 16


class _Nearest:
    """The target indices nearest to a relative position: among all, or among those of one value."""

    def __init__(self, positions: List[float], k: int) -> None:
        self.positions = positions
        self.order = sorted(range(len(positions)), key=positions.__getitem__)
        self.sorted_pos = [positions[j] for j in self.order]
        self.k = k
        self._buckets: Dict[int, List[float]] = {}

    def around(self, x: float) -> List[int]:
        at = bisect_left(self.sorted_pos, x)
        lo = max(0, at - self.k // 2)
        return self.order[lo:lo + self.k]

    def among(self, js: List[int], x: float) -> List[int]:
        """The nearest of ``js`` (target indices in increasing order, as quantities come in text order)."""
        if len(js) <= self.k:
            return js
        pos = self._buckets.get(id(js))
        if pos is None:
            pos = self._buckets[id(js)] = [self.positions[j] for j in js]
        lo = max(0, bisect_left(pos, x) - self.k // 2)
        return js[lo:lo + self.k]


def _take_best(cands: List[Tuple[float, int, int, str]], taken: List[Tuple[float, int, int, str]]) -> None:
    """Move the best candidate of one source whose target is not taken yet from ``cands`` to ``taken``."""
    used = {c[2] for c in taken[-NEAREST * 4:]}  # partners are near each other: recent ones are the clashes
    best = max((c for c in cands if c[2] not in used), key=lambda c: c[0], default=None)
    if best is not None:
        taken.append(best)
    cands.clear()


def _bounded(a: Quantity, index: Dict[float, List[int]], near: _Nearest, x: float) -> List[int]:
    out = set(near.around(x))
    for v in a.values:
        js = index.get(_key(v))
        if js:
            out.update(near.among(js, x))
    return sorted(out)


def relative_change(a: float, b: float) -> float:
    """How far apart two values are, as a ratio (for messages and for pairing leftovers)."""
    if a == b:
        return 0.0
    if not a or not b or a != a or b != b:
        return math.inf
    return abs(a - b) / max(abs(a), abs(b))
