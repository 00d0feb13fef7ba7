"""Extractive answers: the short span that answers the question, or an honest "not found".

Why extractive: there is no LLM here, and a span copied from the report with its citation is checkable
where a generated sentence is not. The answer usually sits in one clause of the top passages, so the
clauses of those passages are embedded at question time and their similarity to the question, with the
question's content words around each span, picks the clause; a typed finder (``kinds.py`` says which)
then takes the span inside it: a figure parsed by ``figures.py`` whose unit and counted noun fit the
question, a 《title》, a “quoted” name, a named body, every item of a list, a date. When no tight span is
certain the shortest clause that states it is given, marked as such. ``confidence`` (0–1) says how well
the span is supported; below ``ABSTAIN`` the answer is withheld with a note, so "not stated" stays None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from types import MappingProxyType

import jieba
import jieba.posseg as pseg
import numpy as np

from ..index.keyword import tokenize
from ..text import (
    CJK,
    CLAUSE_STOPS,
    COMPOUND_SURNAMES,
    ITEM_LEAD,
    SENTENCE_END,
    SURNAMES,
    between_stops,
    clause_text,
    clauses,
    in_heading,
    inside_quoted_term,
    nfkc_compact,
    sentence_at,
    sentences,
)
from ..types import Answer, DocInfo, Passage, QueryInfo, WordStats
from . import translate
from .figures import Figure, cn_number, find_figures, fold
from .kinds import CONFIRMED, EN_VERBS_S, Kind, question_kind, question_type
from .terms import expand, formal
from .understand import section_years

__all__ = ["Candidate", "answer_question", "extract", "question_terms", "question_type", "figure_candidates"]

DOCNUM = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［（(]\d{4}[〕\]］）)]\s*\d+\s*号")
# What a 第几 counts (第几批, 第几步): the ordinal answering it ends with the same word (第八批, 第二步).
RANK_UNITS = "位名届次批期轮版号步"
# An ordinal that ranks something (第三位, 第2名, 第一大, 二等奖): the answer to 第几 and 几等奖 questions.
ORDINAL = re.compile(
    rf"(?:全[国省市区县州])?第[一二三四五六七八九十百\d]+[{RANK_UNITS}大个]?"
    r"|(?:优秀)?(?:团体|集体|个人)?(?:(?:国家|省|市|县|区)级)?[一二三四五特]等奖"  # 优秀团体三等奖: the prize
    r"|(?:全球|世界|全国)首位"  # 居全球首位: the first
    r"|(?:19|20)\d{2}年版"  # 哪一版名录 → （2019年版）
    r"|[一二三四五六七八九十\d]+连(?:增|涨|冠|胜|降|跌|丰)"  # 几连增 → 十一连增: a run, counted as it runs
)
LEVEL = re.compile(r"(?:国家|中央|省|自治区|地市|市|县|区|乡镇|乡|镇|村)级")  # 实现省级统收统支: the level
# Where a rank is asked to hold (全省排第几, 在温州市里排第几, within the province): 全省第二 vs 全市第一
RANK_SCOPE = re.compile(r"(?:全)?([国省市区县州])(?:里|内|中|范围内)?(?:排|名列|位列|位居)")
EN_RANK_SCOPE = re.compile(
    r"\b(?:within|in) (?:[a-z]+ ){0,2}?(province|city|county|district|country|nation)\b", re.I
)
EN_SCOPES = {
    "province": "省",
    "city": "市",
    "county": "县",
    "district": "区",
    "country": "国",
    "nation": "国",
}
# What leads into a list of clauses in one sentence (主要是…，…，…; 包括…，…，…; 要求：…，…，…).
LIST_INTRO = re.compile(r"主要是|主要为|主要有|包括|分别是|[：:]")
TITLE = re.compile(r"《[^《》]{2,60}》")
# a list of titles, or of quoted names with nothing between them (《…办法》《…办法》, “…专项行动”“…排查”)
TITLE_RUN = re.compile(r"《[^《》]{2,60}》(?:[、和及与]?《[^《》]{2,60}》)+|“[^“”]{2,30}”(?:“[^“”]{2,30}”)+")
# A noun that names a document (what a 《title》 answers): 哪部法律草案, 什么条例, 哪个文件, which regulation.
DOCUMENT = re.compile(
    r"(?:法|律|条例|办法|规定|规划|方案|意见|通知|决定|制度|文件|手册|报告|纲要|计划|细则|标准|清单|书|函|令|规章|草案|协定"
    # forms too (审签单, 登记表), but not 代表
    r"|法规|公约|协议|纪要|指南|目录|名录|刊|报|杂志|教材|读本|单|单子|(?<!代)表|表格)$"
)
# The object asked before its verb (把啥政策置于宏观政策层面, 将什么列入…).
BA_ASKED = re.compile(r"[把将](?:什么|啥|哪)")
# An untitled law's name and the acts that make one (制定实施香港特别行政区维护国家安全法).
LAW_NAME = re.compile(r"(?:法|条例)$")
LAWMAKING = re.compile(r"制定|出台|颁布|通过|修订|修改|实施|施行|审议")
# What a question sets aside (除了规定审核时限，还…; 除…以外): its answer is the other thing.
BESIDES = re.compile(r"除了?([^，,？?]{2,20}?)(?:以外|之外)?[，,]")
# What the asker already knows, said first (湟中局说坚决不搞“一刀切”执法，那它在罚款之前是怎么做的): the
# report's words restated, so the clause that says them is the premise, not the answer.
PREMISE = re.compile(r"(?:说|提到|讲)([^，,？?]{2,30})[，,]\s*那么?")
# How often something is done (每周召开, 每月听取, 每季度): what 多久开一次 asks.
FREQUENCY = re.compile(
    r"每(?:[一两二三四五六\d]个?)?(?:周|月|季度|季|半年|年|天|日|星期|旬)(?:至少)?(?:[一1]次)?"
)
# The report's issuer speaking of itself (我局, 2024年我局, 本市): no name.
SELF = re.compile(r"(?:(?:19|20)\d{2}年)?[我本](?:分?局|市|区|县|省|国|委|院|厅|单位|部门)")  # not 本溪市
# Generic words for a body (哪个单位, 哪个部门) and the words a body's name ends in.
GENERIC_BODIES = ("单位", "部门", "机构", "机关")
# the words a thing's names end in, other than its own (哪家企业 → 福建皓月环保科技有限公司)
NAMED_AS = {"企业": ("公司", "厂"), "检察机关": ("检察院",), "审判机关": ("法院",)}
BODY_END = re.compile(r"(?:局|院|委员会|政府|办公室|厅|委|中心|公司|支队|大队|所|站|部门|法庭)$")
PAIRS = ("“”", "《》", "（）", "()", "「」", "『』")  # opening and closing marks
QUOTED = re.compile(r"[“\"「『][^”\"」』]{1,30}[”\"」』]")
# A measure word asked for (多少家, 几起, how many … is left to the noun) and the measure words that
# count the same kind of thing (cases, bodies, events, people, documents). 个 counts anything.
# Units of measure too (多少斤, 多少公里): a figure in the asked unit wins over one in another (亿斤 vs 万吨).
MEASURE = re.compile(
    r"(?<![那这近前])(?:几|多少)\s*(?:万|亿)?\s*(?:公|千|平方|立方|[号个](?=人))?(个(?:工作日|月|小时|星期|季度)|人次|户次|[起件家次回个名位人例项份条场套户台辆元美吨斤亩里米瓦篇期批座所届部本册张艘架株棵处趟天年])"
    r"(?!钱)"  # 省了几个钱: money, said plainly
)  # (那几个办法 points back at things named, asks no count)
# a measure word asked as the number of its things (发文篇数, 就业人数, 检查次数)
COUNTED_NUMBER = re.compile(  # (not 给个数: give a number)
    r"(?<!给)(人次|户次|[起件家次个名人例项份条场套户台辆篇期批座所届部本册张艘架处])数(?![量据字额目值])"
)
# a count asked of things counted in 件 though the question names no measure word (申请有多少)
CASES_COUNTED = re.compile(
    r"(?:申请|案件|案子|提案|建议|举报|投诉|诉讼|信访件?)(?:的)?(?:有|共|一共)?(?:多少|几)(?![\u4e00-\u9fff])"
)
LAWSUIT = re.compile(r"官司|诉讼|起诉|告上法院|应诉")
# (几份决定: 9件 too; 几条建议: 12件; 几回 is 几次; 几台设备: 257份 counts records)
# (张: 几张处罚决定, 几张罚单 count cases and papers as 件 does)
MEASURE_GROUPS = [
    "起件例宗张",
    "家户所",
    "次场期轮回趟",
    "名位人",
    "份篇项条张",
    "件份条张",
    "台套辆架",
    "天日",
]
# units of physical quantities, by what they measure: no count of things (24家) states tonnes, nor the reverse
PHYSICAL_GROUPS = ["吨斤克", "里米", "亩顷", "瓦", "升"]
DURATION = re.compile(r"(?:工作日|日|天|月|年|小时|分钟|周|星期|季度)$")  # a length of time (2个工作日)
PER_HEAD = re.compile(r"[人户家]次$")  # counts of visits by people (人次), not of events (次)
# The noun a name question asks for: what follows 哪个/什么 (Chinese puts the head last: 哪个试行负面清单
# 管理的自贸区 → 自贸区), or the English words after which/what up to the verb (which world expo did).
HEAD = re.compile(
    r"(?:哪家|哪个|哪一个|哪一家|哪些|哪几[个项类种条家]?|哪一?[项部条种类位所艘座场次届款件批份张台支只本篇首封则]|哪(?![儿里])|什么)"
    r"([\u4e00-\u9fff]{1,20})"  # (哪儿, 哪里: where, no noun)
)
PERSON_ASKED = frozenset({"领导", "同志", "人", "负责同志", "干部", "官员"})  # 哪位领导: who, not a noun
TERSE_NAME = re.compile(r"([\u4e00-\u9fff]{1,8}?)的?(?:名|名称|名字|全称)[？?]?$")  # 丰泽 移送公安 公司名
# 律所叫啥名: the noun before 叫 is asked (a bare 叫什么 only of a body: see ``_heads``)
CALLED = re.compile(r"([\u4e00-\u9fff]{2,12}?)叫(?:什么|啥)(名字?|名称)?(?:[？?]|$)")
# 哪个系统里销号: 系统; 哪家律所当法律顾问: 律所 (当 serving as, not 当地, 当前)
EN_NAME_OF = re.compile(
    r"\bthe ([a-z-]+)'s (?:full )?name\b"
    r"|^(?:[^:?]*[,:]\s*)?name the (?:[a-z-]+ ){0,2}?([a-z-]+) (?:whose|that|which)\b"
    r"|\bwhat (?:exactly )?(?:is|was) (?:that|the|this|its|their) ([a-z-]+) called\b",  # that system
    re.I,
)
HEAD_STOP = re.compile(r"[做为来是上在了呢吗]|(?<=.)里(?!程)|当(?![地前年时今日天场中])")
TRAILING = {"a", "ad", "d", "ag", "dg", "u", "p", "c", "y"}  # word tags that end no noun phrase
EN_HEAD = re.compile(
    r"\b(?:which|what)\s+((?:[a-z-]+\s+){0,5}?[a-z-]+)\s+(?:[a-z]+ly\s+)?"  # (which project officially began)
    r"(?:did|does|do|is|was|were|are|has|have|had|will|would|began|begun|started|opened"
    rf"|{EN_VERBS_S})\b",  # which law practice gives it advice
    re.I,
)
EN_LEADS = re.compile(
    r"\b(?:who|which (?:official|leader|officer|person))\s+"
    r"(?:leads|led|heads|headed|chairs|chaired|is in charge"
    r"|serves? as (?:the )?(?:head|leader|chair))\b",
    re.I,
)
# The measure word Chinese counts an English noun with (how many articles → 篇, how many cases → 起).
EN_MEASURES = {
    # not "reports": staff reports to a hotline are 举报, counted in 件
    **dict.fromkeys(("articles", "posts", "papers", "essays"), "篇"),
    **dict.fromkeys(("cases", "incidents", "accidents", "violations"), "起"),
    # (not "times": how many times it was taken to court counts cases, 2件)
    **dict.fromkeys(("visits", "inspections", "drills", "exercises", "trainings", "sessions"), "次"),
    **dict.fromkeys(("people", "persons", "staff", "officers", "lawyers", "advisers", "advisors"), "人"),
    **dict.fromkeys(("participants", "attendees", "trainees", "officials", "employees", "personnel"), "人"),
    **dict.fromkeys(("enterprises", "companies", "firms", "businesses", "institutions"), "家"),
    **dict.fromkeys(("households", "families"), "户"),
    **dict.fromkeys(("documents", "copies", "files"), "份"),
    **dict.fromkeys(("issues", "editions"), "期"),
    **dict.fromkeys(("vehicles", "cars", "trucks", "buses"), "辆"),
    **dict.fromkeys(("apartments", "flats", "homes"), "套"),  # housing (not "units": 单位 are 家)
    **dict.fromkeys(("counties", "cities", "provinces", "projects", "items", "fees"), "个"),  # 52个贫困县
    **dict.fromkeys(("tonnes", "tons"), "吨"),
    **dict.fromkeys(("kilometres", "kilometers"), "公里"),
    "hectares": "公顷",
}
# (how many suggestions from people's congress deputies: the thing counted is before the preposition)
EN_MEASURE = re.compile(
    r"\b(?:how many|number of|headcount of)\s+(?:(?!(?:from|of|by|for|with|to|at|on|in)\b)[a-z'-]+\s+){0,3}?"
    rf"({'|'.join(EN_MEASURES)})\b",
    re.I,
)
ASKED_COUNT = re.compile(
    r"(?:哪|这|那)[“\"]?([一二两三四五六七八九十]+|\d)[个项条种类大]?|\b(two|three|four|five|six|seven|eight|nine|ten)\b"
)
EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
LEAD = re.compile(r"^(?:与|和|同|对|向|在|将|是|为|以|包括|即|如|由|经|推行|实行|强化|做到|抓好|打好|坚持)+")
# verbs that put what a list names in place (实行…制、启动…试点、开展…活动), when they lead its first item
# within its first characters (全面贯彻落实), two in a row (全面启动和组织实施, 制定实施)
_PUT = "(?:实行|实施|启动|开展|推行|落实|执行|举办|召开|出台|颁布|制定|提出|提请)"
LIST_LEAD = re.compile(rf"^.{{0,4}}?{_PUT}(?:[和及与并]?.{{0,2}}?{_PUT})*了?")
RANKED = re.compile(r"[一二三四五六七八九十\d特]等")  # 三等奖, 一等功: a rank, not 等 closing a list
_COUNT = r"[\d一二三四五六七八九十百千两几多余]+[个类项种大条样批部家件所]?"  # 22部, 三个, 四类
COUNT_ONLY = re.compile(_COUNT)  # (fullmatch) 22部行政法规: a count, no name
COUNT_LEAD = re.compile("^" + _COUNT)  # 哪三个污染防治“十条”: the count asked, not the noun
COUNTED_BY = re.compile(_COUNT + "$")  # 禁止开发四类主体功能区: a count after the list
NUMBERED = re.compile(
    r"(?:^|[；;。：:\n])\s*(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])"
)
NOISE = set(
    "年 区 县 市 局 生态 环境 生态环境 生态环境局 分局 报告 一共 总共 共 了 呢 那 它 the "
    "政府 工作 政府工作 政府工作报告 "
    "到底 究竟 出去 出来".split()  # 罚款到底合计多少, 开出去的: a speaker's emphasis and direction
)
# A figure that states a change from another (比上年增加5000亿元) rather than a level.
DELTA = re.compile(r"比上年|比去年|比上年末|较上年|同比|增加|增长|提高|下降|减少|降低|扩大|缩小")
# The question asks for a planned figure, and the text's words that introduce or deny one.
# A change stated against a base (比上年增加5000亿元, 同比), in the text or asked in the question.
COMPARED = re.compile(
    r"比上年|比去年|较上年|较去年|同比|比上年末|[比较]年初|比(?:19|20)\d{2}年|比[一二三四五六七八九十两\d]+年前|相比"
    r"|year[- ]on[- ]year|compared"
    r"|than (?:in )?(?:the )?(?:previous|last|a) year|over the previous year"
    r"|\bbetween (?:the end of )?(?:19|20)\d{2}",  # between the end of 1995 and the end of 2000
    re.I,
)
# A figure the one before it moves to (由50%提高到75%, 从509亿元增加到1161亿元), and a question that asks
# where it started instead.
MOVED_TO = re.compile(r"(?:到|至)[^，,；;。]{0,8}$")
BOTH_ENDS_ASKED = re.compile(
    r"\bfrom what to what\b|[从由][^？?，,]{0,8}?多少[^？?，,]{0,8}(?:到|至)多少", re.I
)
ORIGIN_ASKED = re.compile(r"[由从](?:多少|第几)|原来|原先|起初|\bfrom what\b|\bstarting\b", re.I)
CHANGE_ONLY = re.compile(
    r"(?:比上年|比去年|较上年|较去年|同比|比上年末|[比较]年初|比(?:19|20)\d{2}年[底末]?|比[一二三四五六七八九十两\d]+年前)?"
    r"(?:增加|增长|提高|下降|减少|降低|扩大|缩小|上升|下降了|增长了|增加了)"
)
# The change of the figure before that leads into the next one (达到134.9万亿元、增长5%; 比五年前增加…).
# (达到3255元，扣除价格因素，分别增长9.6%和6.2%; 达到X元，实际增长Y%: the change stated after a qualifier)
CHANGE_NEXT = re.compile(rf"[、，, ]*(?:扣除价格因素[、，, ]*)?(?:分别)?(?:实际)?(?:{CHANGE_ONLY.pattern})")
# A question that asks for a change, not a level (增长多少, 涨幅, by how much did … rise).
CHANGE_ENDS = re.compile(rf"(?:{CHANGE_ONLY.pattern})$")  # 增长37.1%, not 扩大到23% (a level reached)
CHANGE_ASKED = re.compile(
    # (比上年多了多少: a change too)
    r"增长|增加|下降|减少|提高|降低|上升|上涨|涨幅|增幅|降幅|增速|增量|变化|比[^，。？?]{0,10}[多少]了|[降涨]了"
    r"|grow|increase|rise|rose|fall|fell|drop|declin|change|by how much",
    re.I,
)
# A level asked of a change (提高到多少, 增加到了多少, to what … rise): where it went, not by how much.
LEVEL_ASKED = re.compile(
    r"(?:到|至|为|达到?)了?(?:人均|每人|每年|每月)?(?:多少|几)|\bto what\b|\breach"
    r"|\b(?:rise|rose|risen|grow|grew|grown|increased?|fall|fell|fallen|drop(?:ped)?|declined?|reduced?|cut|raised?)\s+to\b",
    re.I,
)
# The figure a change starts from (从1997年的7.4万亿元增加到…, 由上年18亿元增加到…): asked only by 从多少.
ORIGIN_TEXT = re.compile(r"[从由](?:[^，。；]{0,12}的|上年|去年|[^，。；\d]{1,4})?$")  # (由人均600元提高到…)
# A question that names the unit it wants (多少亿元, 多少钱, how many yuan): a change in percent is no answer.
UNIT_ASKED = re.compile(
    r"多少(?:万亿|亿|万)?(?:美元|元|人民币|钱)|金额|how many (?:dollars|yuan)|how much money", re.I
)
# A place word framing what is asked (在哪次会议上, 从哪里): the answer sits in the same frame in the text.
# What a thing is, asked with 是什么 after its own words (当务之急是什么, 首要任务是什么).
COPULA_ASKED = re.compile(r"([\u4e00-\u9fff]{3,8})是(?:什么|啥)[？?]?$")
# A quoted term whose meaning is asked (“双引擎”是指哪两方面, “三个确保”指什么).
DEFINED_ASKED = re.compile(r"(“[^”]{1,12}”)(?:具体)?(?:是指|指的是|指|包括|是)(?:哪|什么|啥)")
# A question word between the question's own words (对哪些情况进行全面审计): the words before it, after it.
SLOT = re.compile(
    r"([\u4e00-\u9fff]{1,4})(?:哪些|哪几[个项类种条家]?|哪[个项类种条家]|什么)([\u4e00-\u9fff]{3,16})(?:[？?，,。]|$)"
)
# a question that ends on the noun it asks (西部边远山区的什么任务): the words before, the noun
END_SLOT = re.compile(r"([\u4e00-\u9fff]{2,8})(?:什么|哪个|哪项|哪种|哪类)([\u4e00-\u9fff]{1,4})[？?。]?$")
FRAME = re.compile(r"([在从由于])(?:哪|什么)[\u4e00-\u9fff]{0,4}?([上中里内])")
# The report a question names (2006年报告, 2006年的政府工作报告, the 2006 government work report).
REPORT_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年(?:的)?(?:国务院)?(?:政府工作)?报告|\b((?:19|20)\d{2})\s+(?:government\s+work\s+)?report",
    re.I,
)
# 上年 (last year), not the 上 and 年均 of 基础上年均增长7%
LAST_YEAR = r"上年(?!均)"
# A year stated relative to the report's own (今年拟安排…, 去年增长…, 过去五年累计…): 比上年 compares, it
# does not date the figure. The offsets are from the report's year.
RELATIVE_YEAR = re.compile(
    rf"(?<![比较于同])(今年|本年|去年|{LAST_YEAR}|前年|明年)|过去([一二两三五十]|\d+)年"
)
RELATIVE_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
CONTINUES = re.compile(r"\s*(?:其中|其|此外|同时)")  # a sentence that goes on with the one before
ABSOLUTE_YEAR = re.compile(r"(?:19|20)\d{2}年")
ABSOLUTE_YEAR_OPEN = re.compile(
    r"^\s*(?:在|到|截至)?((?:19|20)\d{2})年(?!前|以前|之前|以来|底前)"
)  # opens the sentence
PARAGRAPH_LOOKBACK = 120  # characters of its paragraph before a sentence that may date its figures
OPENING = re.compile(r"[\s\u3000—]*(?:刚刚过去的|过去的|在)?")  # what may stand before a sentence's time
# A measure that is only ever stated by its name (基尼系数, 恩格尔系数, the Gini coefficient): a figure
# whose sentence does not name it measures something else, however close its other words are.
SHARE = re.compile(r"比重|占比|份额|所占|占[^，。；]{0,12}的?比")  # a share of a whole, not a change
NAMED_MEASURE = re.compile(r"系数|\bcoefficients?\b", re.I)
# things counted in English (how many applications): neither a percent (percentage points is asked so) nor a
# length of time (2个工作日; how many working days asks one) counts them
EN_COUNT_ASKED = re.compile(
    r"\bhow many\b(?!\s+(?:more\s+)?(?:[a-z-]+\s+)?"
    r"(?:percent|percentage|points?|times|days|weeks|months|years|hours|minutes)\b)",
    re.I,
)
# a span of years asked (过去五年, over the past five years): a figure the sentence gives of 今年 is a plan
SPAN_ASKED = re.compile(
    r"过去[五十\d]+年|[五十\d]+年来|[五十]年间|\bover the (?:past|last|previous) \w+ years\b", re.I
)
# a thing counted by what it is not (不属于环保举报件247件), asked the same way (不算环保举报的)
NEGATED = re.compile(r"不(?:属于|算|予|符合)")  # (not 不是: 不是说受理的那个数 sets an aside)
# money of a kind a question names (罚没款, 赔偿金, 税收, 赤字, 国债): a sum its sentence does not call so is
# other money
MONEY_KINDS = ("罚", "赔", "税", "赤字", "债")
# how many were abolished, how many firms have been closed down: the act counted, a participle after be
EN_COUNTED_ACT = re.compile(
    r"\bhow many\b(?:\s+(?!(?:were|was|have|had|has|got)\b)[a-z'-]+){0,4}?"
    r"\s+(?:were|was|have been|had been|has been|got)\s+(?:[a-z]+ly\s+)?"
    r"((?:[a-z]+ed|[a-z]+en|shut|cut|set|built|made|sold|won)\b(?:\s+(?:down|up|off|out))?)"
    r"(?=\s*[?,]|\s+(?:in|by|during|over|from|under|last|this|so far)\b|$)",
    re.I,
)
ACT_LED = 0.8  # bonus of a figure right after the act a count question counts
ACT_LINK = " 了为到达至共"  # between an act and its figure (受理了317件, 增加到…, 共…)
ZH_COUNTED_ACT = re.compile(r"([\u4e00-\u9fff]{1,8}?)了?(?:多少|几)")  # 削减多少财政赤字: the act, 削减
QUESTION_WORD = re.compile(r"多少|几|\bhow (?:much|many)\b", re.I)
EN_ROLES = {"minister": "部长", "mayor": "市长", "governor": "省长", "premier": "总理"}
EN_ROLE = re.compile(rf"\bwhich ({'|'.join(EN_ROLES)})\b", re.I)
SOLVED = re.compile(r"\s*[,，]\s*(?:有效|切实)?(?:解决|破解|化解|实现|做到)")  # what the means before it did
MEANS = re.compile(
    r"通过|委托|开展|采取|采用|建立|实行|推行|引入|聘请|借助|依托|利用"
)  # verbs that state how
# a clause that names its means as a means (采取企业约谈等形式, 通过购买服务的方式): how, said outright
MEANS_NAMED = re.compile(
    r"(?:通过|采取|采用|运用|利用|借助|以)[^，,。；;]{2,24}?(?:形式|方式|方法|办法|手段|途径|模式)"
)
# A clause that frames the next rather than stating anything: a condition (发现存在涉嫌…犯罪行为的,), a
# setting (在办理环境违法案件中), a topic (针对不同行政执法行为, 对…的3家排污单位的执法监管); a question
# that restates it asks what the clause after it says (按规定及时向区公安局移送, 减少现场检查频次)
FRAMING = re.compile(
    r"[^，,。；;：:]{2,}的"
    r"|(?:在|于)[^，,。；;：:]{2,24}(?:中|时|期间|过程中)"
    r"|(?:针对|围绕)[^，,。；;：:]{2,40}"
    r"|(?:对|对于)[^，,。；;：:]{2,40}的[^，,。；;：:的了]{1,6}"  # (not 对执法环节…作了详细规定: a statement)
)
PER_CAPITA = re.compile(r"人均|每人|\bper (?:capita|person|head)\b", re.I)
IN_MONEY = re.compile(r"\bin (?:yuan|rmb|renminbi|(?:us )?dollars)\b", re.I)  # the unit asked in English
# a price's level asked (平均销售价格是多少): money (元 a 平方米), not the area or count beside it; its rise
# (价格上涨了多少) is a percent, and asked with words between, not matched here
PRICE_ASKED = re.compile(r"(?:价格|房价|售价|单价|均价|价钱)(?:是|为|有|在)?(?:多少|几)")
WHAT_WAS = re.compile(r"\W*what (?:was|is|were|are)\b", re.I)  # what was China's GDP: a level asked
CONCENTRATION = re.compile(r"浓度|\bconcentrations?\b", re.I)  # a level in a unit of its own
TARGET_ASKED = re.compile(
    # not 中央财政安排219亿元(专项资金)支持…, 中央财政安排的就业专项资金: money allocated, no target
    r"目标|预期|计划|打算|拟|安排(?![\d０-９]|专项|资金|的[^，。？?]{0,8}资金)|力争|预计"
    r"|(?:今年|明年|提出)[^，。？?]{0,12}要(?!求)|要求(?:今年|明年)"  # 提出今年…要减少多少, 要求今年…达到多少
    r"|\btargets?\b|\bgoals?\b|\baims?\b|\bplann",
    re.I,
)
# a span before the report's year (过去五年…安排了多少扶贫贷款), or the report's review of it
# (2006年报告回顾里，中央安排了多少…): 安排 there says what was done, not planned
PAST_ASKED = re.compile(
    rf"过去|回顾|(?<![比较])(?:去年|{LAST_YEAR}|上一年|前年)|[五十\d]+年来|[五十]年间"
    r"|\b(?:past|last) (?:\w+ )?years?\b",
    re.I,
)
# (三年内参保率均提高到90%以上: what is to be reached within years, a plan)
TARGET_TEXT = re.compile(
    r"预期目标|目标是|目标为|目标[：:]|拟|计划|力争|调低|调高|调整为|定为|确定为|[两三四五]年内"
)
TARGET_LEAD = re.compile(r"控制在|保持在|确保|将每年|每年将|要[^，。；]{0,8}(?:达到|增长|提高|降低)")
ACHIEVED_TEXT = re.compile(
    rf"(?:实现|完成|超过|超额完成)[^。，；|]{{0,8}}目标|(?<![比较])(?:去年|{LAST_YEAR})|回落到|实际完成"
)
QUOTED_CLAUSE = 0.8  # a clause with this share of its character pairs in the question is the question's own
CONFIRM = re.compile(CONFIRMED)
# A figure over a period (年均增长7.8%, 累计新增就业6400万人) and a question that asks one: asked for a
# year's figure (2025年增长多少), the period's average or total is not it.
PERIOD_FIGURE = re.compile(r"年均|年平均|平均每年|每年平均|累计|[五十\d]+年来")
# the span a 累计 sums over, when its sentence names one
SPAN = re.compile(r"年来|以来|期间|时期|过去|历年|[两三四五六七八九十]年|十[一二三四五]五")
PERIOD_ASKED = re.compile(
    r"年均|年平均|平均每年|每年平均|累计|总共|一共|共计|[五十\d]+年来|过去[五十\d]+年|[五十]年间"
    r"|以来|average|cumulative|in total|altogether|over the (?:past|last|previous) \w+ years|\bsince\b",
    re.I,
)
PER_UNIT = re.compile(r"每(?:家|户|人|个|名|位|所|亩|吨|辆)|人均|户均")  # a figure of one of many
ALL_ASKED = re.compile(
    r"一共|总共|合计|总额|总计|总量|\bin total\b|\baltogether\b|\btotal (?:amount|cost|sum)\b", re.I
)
DAILY = re.compile(r"每天|每日|日均|\bper day\b|\ba day\b|\bdaily\b", re.I)  # a day's figure, not a year's
AVERAGE = re.compile(r"年均|年平均|平均每年|每年平均|\baverage\b", re.I)
RANGE_ASKED = re.compile(r"区间|范围|\brange\b|\bbetween\b", re.I)
# English words that name the report, not what is asked: translated word by word they add noise terms.
EN_NOISE = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:\d{4}\s+)?(?:(?:state council'?s?|government|annual)\s+)*"
    r"(?:work\s+)?reports?\b"
    r"|\b(?:(?:state council'?s?|government|annual)\s+)+(?:work\s+)?reports?\b|\bwork\s+reports?\b"
    r"|\baccording to\b"
    r"|\bby\s+what\s+(?:percentage|percent)\b"  # a change asked: no 比例 in the text (增长6.8%)
    r"|\b(?:in|as a)\s+(?:percent|percentage)\b"  # the unit asked in: the text writes 85%, no 百分之
    r"|\bcalled(?=\W*$)",  # what is that system called: a name asked, no 号召
    re.I,
)  # not a bare "reports": staff reports to a hotline (举报) are what is asked
# A number in the question that qualifies what is asked (aged 16 to 24, 16%的税率); not an ordinal (14th).
QUESTION_NUMBER = re.compile(
    r"(?<![\d.A-Za-z])(?<![A-Za-z]-)(\d+(?:\.\d+)?)(?![\d.A-Za-z]|st\b|nd\b|rd\b|th\b)"
)  # not M2, 5G, COVID-19
MIN_COVER = 0.25  # share of the question's content words that must surround a span (without the model)
W_SIM = 2.0  # weight of the clause's similarity to the question (0: rules only)
ABSTAIN = 0.5  # below this confidence the answer is withheld
NAMING = 1.5  # bonus of a named span that holds a proper name or a number
WHERE_ASKED = re.compile(
    r"^(?:[^,?]*,\s*)?where\b|哪里|哪儿|什么地方|哪个地方|哪些地方|哪个地区|哪个城市|哪座城市"
    r"|\bin which (?:city|province|country|town)\b",  # in which city was it held: a place's name
    re.I,
)
PLACE_WIDENERS = {"地区", "全省", "全市", "全区", "全县", "一带", "沿海", "境内"}
NUMBERED_NAME = re.compile(r"\d|第[一二三四五六七八九十百]")
CLAUSE_ONLY = 0.75  # confidence factor for an answer that is a whole clause, not a tight span
# confidence taken from a figure that is not what is asked: an outcome when a target is, a percent of
# another rate than the one named
UNPLANNED = 0.4
UNDATED = 0.55  # … and from one its words do not date to the year asked (below ABSTAIN even when certain)


@dataclass(frozen=True)
class Candidate:
    """A span in ``passages[passage].text`` with its score; ``clause`` when it is a whole clause."""

    passage: int
    start: int
    end: int
    text: str
    score: float
    confidence: float = 0.0
    clause: bool = False
    clash: bool = False  # the figure counts another kind of thing than asked (人 vs 件)
    figure: Figure | None = None


SHORTLIST = 8  # candidates whose clauses the model compares with the question
MONTH_LOOKBACK = 200  # characters before an answer's sentence where a month asked may be named


@dataclass(frozen=True)
class Context:
    """What every finder needs about the question, worked out once."""

    question: str
    kind: Kind
    terms: dict[str, float]
    total: float
    measure: str | None
    heads: tuple[str, ...]  # the asked noun, or its translations for an English question
    prefs: tuple[str, ...]
    sims: dict[tuple[int, int], float]  # (passage, clause start) → similarity rescaled to 0–1
    verb: str = ""  # the verb right before the question word (设立了哪个 → 设立, 审议的是哪部 → 审议)
    initials: str = ""  # a quoted numbered abbreviation's own characters (“三去一降一补” → 去降补)
    marker: str = ""  # the quoted word every item asked holds (哪几个“有” → 有: 有谋划、有安排)
    roles: tuple[str, ...] = ()  # the role whose holder a 谁 question asks (组长由谁担任 → 组长)


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[pseg.pair, ...]:
    """jieba's words of ``text`` with their part-of-speech tags, cached: the finders tag the same
    clauses and question words again for every candidate and every question."""
    return tuple(pseg.cut(text))


def question_terms(
    question: str, info: QueryInfo, documents: list[DocInfo], words: WordStats | None = None
) -> dict[str, float]:
    """Content words of the question, weighted by length and rarity; region names and years left out.

    An English question's words weigh as much as the collection uses the sense (``translate.in_use``):
    the dictionary's rare senses (ratio → 比率, household → 一家) are rare because reports do not say
    them, and by rarity alone they would outweigh the senses that find the answer."""
    drop = {a for d in documents for a in d.aliases} | {str(y) for y in (info.year, *info.years) if y}
    rarity = words.idf if words else (lambda t: 1.0)
    sense = {}
    if info.english:  # the question's words in the reports' language (the dictionary, the glossary)
        question = EN_NOISE.sub(" ", question)  # "government work report" → 劳动 作品 官方: noise
        for t, w in translate.translate(question, df=words.df if words else None):
            for tok in tokenize(t):
                sense[tok] = max(sense.get(tok, 0.0), min(1.0, w))
        text = " ".join([expand(question), *sense])
    else:
        # (多大面积: 多大 asks, 面积 is what; read whole, 大面积 is "large-scale", its heaviest word)
        question = re.sub(r"多[大长高远久]", " ", question)
        text = f"{question} {expand(question)}"
    terms = {
        t: len(t) * rarity(t) * sense.get(t, 1.0)
        for t in tokenize(text)
        if t not in drop and t not in NOISE and len(t) > 1
    }
    terms = {t: w for t, w in terms.items() if w > 0 and not t.isdigit()}
    for t in list(terms):  # a word inside a longer question word adds little of its own
        if any(t != o and t in o for o in terms):
            terms[t] *= 0.5
    # tokens are lower-cased; the reports write Latin letters as capitals (pm2.5 asked, PM2.5 stated)
    return {t.upper() if t.isascii() else t: w for t, w in terms.items()}


def _overlap(terms: dict[str, float], text: str) -> float:
    text = text.replace(" ", "")  # a PDF's spaced words and figures (累计罚款 57 万元) say 万元 too
    return sum(w for t, w in terms.items() if t in text)


def _repeats(ctx: Context, value: str) -> float:
    """Share of a span's characters that are the question's own words: a span made of them names
    nothing new. (A share of the question's weight would call 第十四届全国人民代表大会第一次会议 a repeat of a
    question whose only content word is 会议.)"""
    covered = [False] * len(value)
    for t in ctx.terms:
        for m in re.finditer(re.escape(t), value):
            covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    return sum(covered) / (len(value) or 1)


def _new_numbers(ctx: Context, value: str) -> set[str]:
    """Numbers a span holds that the question does not (新36条 in a clause quoting the question)."""
    return set(re.findall(r"\d+", fold(value))) - set(re.findall(r"\d+", fold(ctx.question)))


def _quoted_share(question: str, value: str) -> float:
    """Share of a clause's character pairs that the question holds: near 1 for a clause the question
    quotes almost word for word (its condition, not what it asks)."""
    pairs = [value[i : i + 2] for i in range(len(value) - 1)]
    return sum(p in question for p in pairs) / (len(pairs) or 1)


def clause_similarity(
    question: str, passages: list[Passage], embedder, top: int, only: set[tuple[int, int]] | None = None
) -> dict[tuple[int, int], float]:
    """Each clause's cosine similarity to the question, rescaled so the best clause is 1, the worst 0.

    Why rescaled: the model's cosines sit in a narrow band that differs by question; what matters is
    which clause of these passages is nearest the question."""
    keys, texts = [], []
    for pi, p in enumerate(passages[:top]):
        for s, e in clauses(p.text):
            if only is not None and (pi, s) not in only:
                continue
            keys.append((pi, s))
            texts.append(clause_text(p.text, s, e))
    if embedder is None or not texts:
        return {}
    # stored with the index for clauses that state a figure, else embedded now and cached by text
    sims = embedder.clauses(texts) @ embedder.query(question)
    lo, hi = float(np.min(sims)), float(np.max(sims))
    return {k: (float(v) - lo) / (hi - lo) if hi > lo else 1.0 for k, v in zip(keys, sims, strict=True)}


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause (as ``clauses`` splits the passage) that holds offset ``pos``."""
    return next((s for s, e in clauses(text) if s <= pos < e), 0)


def _clause_of(text: str, s: int, e: int) -> tuple[int, int]:
    return between_stops(text, s, e, CLAUSE_STOPS)


def _sim(ctx: Context, pi: int, text: str, s: int, e: int) -> float:
    """Similarity of the clause holding the span (the clause start as found by ``clauses``)."""
    if not ctx.sims:
        return 0.0
    best = 0.0
    for cs, ce in clauses(text):
        if cs <= s < ce or cs < e <= ce:
            best = max(best, ctx.sims.get((pi, cs), 0.0))
    return best


def _support(ctx: Context, pi: int, text: str, s: int, e: int) -> tuple[float, float, float]:
    """(cover, similarity, score) of the sentence around a span: the base every finder adds to."""
    a, b = sentence_at(text, s, e)
    cover = _overlap(ctx.terms, text[max(0, a - 40) : b]) / ctx.total if ctx.total else 0.0
    sim = _sim(ctx, pi, text, s, e)
    score = _overlap(ctx.terms, text[a:b]) / (ctx.total or 1) + W_SIM * sim + 0.5 / (pi + 1)
    return cover, sim, score


def _confidence(cover: float, sim: float, has_model: bool, local: float = 1.0) -> float:
    """0–1 from the question's words around the span (``cover`` in the sentence, ``local`` right at
    the span) and the clause's similarity; a span whose own words share nothing with the question
    (a figure that counts something else in a relevant sentence) stays below ``ABSTAIN``."""
    lexical = min(1.0, cover / 0.6)
    near = min(1.0, local / 0.3)
    if not has_model:
        return 0.25 + 0.5 * lexical + 0.25 * near
    return 0.15 + 0.35 * lexical + 0.2 * near + 0.3 * sim


def _span_candidate(ctx: Context, pi: int, text: str, s: int, e: int, bonus: float) -> Candidate:
    """The span text[s:e] as a candidate: its sentence's support plus what its finder's structure is worth."""
    cover, sim, score = _support(ctx, pi, text, s, e)
    return Candidate(pi, s, e, text[s:e], score + bonus, _confidence(cover, sim, bool(ctx.sims)))


@lru_cache(maxsize=256)
def _rates_asked(question: str) -> tuple[str, ...]:
    """The rates a question names (城镇登记失业率 → 失业率; deficit ratio → 赤字率), as words ending in 率;
    a rate of change (增长率) is written as the change itself (增长7.5%), so it names no measure."""
    words = jieba.lcut(question) if CJK.search(question) else [t for t, _ in translate.translate(question)]
    # (比率, a proportion's translation, names no measure: 办结率94% is the proportion asked)
    return tuple(
        w
        for w in words
        if len(w) > 1 and w.endswith("率") and w != "比率" and not CHANGE_ONLY.fullmatch(w[:-1])
    )


def _other_qualifier(question: str, sentence: str, rates: tuple[str, ...]) -> bool:
    """Whether a Chinese question qualifies its rate (城镇调查失业率) with a word the sentence lacks
    while the sentence qualifies the same rate with another (城镇登记失业率4.5%以内): two measures."""
    for r in rates:
        at, held = question.find(r), sentence.find(r)
        if at >= 2 and held >= 2:
            asked, stated = question[at - 2 : at], sentence[held - 2 : held]
            if asked != stated and asked not in sentence and all(CJK.match(c) for c in asked + stated):
                return True
    return False


# words that name one side of a pair (入境 vs 出境 tourists, 进口 vs 出口 goods, 城镇 vs 农村 residents): a
# sentence that names only the other side states the other side's figure
CONTRARIES = (("入境", "出境"), ("进口", "出口"), ("城镇", "农村"))


def _contrary(ctx: Context, sentence: str) -> bool:
    """Whether the question names one side of a ``CONTRARIES`` pair the sentence lacks, and the
    sentence the other side the question lacks (inbound trips asked: 出境旅游人次 is outbound)."""
    said = ctx.question + " ".join(ctx.terms)
    for pair in CONTRARIES:
        for asked, other in (pair, pair[::-1]):
            if asked in said and other not in said and asked not in sentence and other in sentence:
                return True
    return False


def _measure_fit(asked: str, unit: str) -> float:
    """1 for the asked measure word, 0.6 for one of its kind (几起 → 25件), -1 for another kind: 人次
    (person-times) is not 次, nor is 元 a count of people."""
    whole = unit.split("/")[0] if unit else ""
    if PER_HEAD.search(asked) or PER_HEAD.search(whole):
        if PER_HEAD.search(asked) and whole.endswith(asked):
            return 1.0
        return 0.6 if PER_HEAD.search(whole) and whole[-2] == asked else -1.0  # 多少人: 500人次, near
    if DURATION.search(whole) and not DURATION.search(asked):
        return -1.0  # 环评批了几个: 2个工作日 is how long, not how many
    if len(whole) > 1 and whole.endswith("次") and whole[-2] == asked[-1]:
        return 0.6  # 多少份合同: 50余份次 counts them, a time each
    unit, asked = whole[-1:], asked[-1]
    if not unit:
        return 0.0
    if unit == "元" and (asked in "".join(MEASURE_GROUPS) or asked == "个"):
        return -1.0  # 多少人, 多少个项目: 330亿元 is what they were given, not how many
    if asked == "元" and whole.endswith("美元"):
        return -1.0  # in yuan, 多少亿元: 2.2万亿美元 is another currency
    if unit == asked:
        return 1.0
    if any(asked in g and unit in g for g in MEASURE_GROUPS):
        return 0.6
    physical, counted = "".join(PHYSICAL_GROUPS), "".join(MEASURE_GROUPS) + "个元"
    if asked in physical or unit in physical:
        if any(asked in g and unit in g for g in PHYSICAL_GROUPS):
            return 0.0  # 多少斤: 46947万吨 weighs it too, but the figure in the unit asked comes first
        # 多少吨: 24家 counts firms, 3000元 is no weight; 多少家: 300万吨 weighs something
        return -1.0 if {asked, unit} <= set(physical + counted) else 0.0
    return -1.0 if unit in "".join(MEASURE_GROUPS) and asked in "".join(MEASURE_GROUPS) else 0.0


def _own_words(text: str, a: int, f: Figure, prev: Figure | None) -> tuple[str, bool]:
    """The words that belong to figure ``f`` in its clause (from clause start ``a``).

    Why: a clause often prints several figures ("专项债券4.4万亿元、比上年增加5000亿元", "从1997年的509亿元
    增加到2002年的1161亿元"); the question's noun must match the figure's own words, not its neighbour's.
    A figure after a change word (比上年增加) owns only the words since the previous figure: it counts the
    change. A figure the clause moves to (增加到, 、) shares the clause's lead with the first one, and so
    does a clause that is only a change of the figure before it (支出达到2975亿元，比上年增加349亿元);
    the flag says so (the figure then counts what the one before it counts)."""
    if prev is None or prev.end <= a:
        own = text[max(a, f.start - 25) : f.start]
        same_sentence = not re.search(r"[。；;！？!?\n]", text[prev.end : f.start]) if prev else False
        if prev is not None and same_sentence and CHANGE_ONLY.fullmatch(own.strip()):
            p0, _ = _clause_of(text, prev.start, prev.end)
            return text[max(p0, prev.start - 25) : prev.start] + own, True
        return own, False
    own = text[prev.end : f.start]
    if DELTA.search(own) and not re.search(r"[到至为]", own):
        return own, False
    # the figure before it with its frame (由每人每年240元提高到280元: 每人每年 counts 280元 too)
    return text[max(a, prev.start - 25) : f.start], True


@lru_cache(maxsize=256)
def _target_asked(question: str) -> bool:
    """Whether a target is asked (``TARGET_ASKED``); 安排 alone asks one only of a year ahead, since
    过去五年…安排了多少扶贫贷款 asks what was arranged."""
    said = [m.group() for m in TARGET_ASKED.finditer(question)]
    return bool(said) and not (all(w.startswith("安排") for w in said) and PAST_ASKED.search(question))


def _target_fit(ctx: Context, text: str, f: Figure) -> float:
    """+ for a figure in a target clause when the question asks for a target (预期目标, 拟, 打算, target),
    - for one the text reports as achieved (超过预期目标, 完成); a little - for a planned figure when the
    question asks no target (what happened is asked)."""
    a = max(text.rfind(c, 0, f.start) for c in "。\n") + 1
    lead = text[_clause_of(text, f.start, f.end)[0] : f.start]
    if not _target_asked(ctx.question):  # what happened is asked: a planned figure is not it
        return -0.4 if TARGET_TEXT.search(text[a : f.start]) else 0.0
    _, b = sentence_at(text, f.start, f.end)
    fit = 0.8 if TARGET_TEXT.search(text[a : f.start]) or TARGET_LEAD.search(lead) else 0.0
    return fit - (0.8 if ACHIEVED_TEXT.search(lead + "|" + text[f.end : b]) else 0.0)


def _year_fit(ctx: Context, own: str) -> float:
    """+ when the figure's own words name a year the question names (到2002年的1161亿元 for "in 2002"),
    - when they name only other years (从1997年的509亿元)."""
    own = fold(own)
    named = set(re.findall(r"((?:19|20)\d{2})年", own))
    if not named:
        return 0.0
    asked = set(re.findall(r"(?:19|20)\d{2}", ctx.question))
    before = set(re.findall(r"((?:19|20)\d{2})年(?:以前|之前|前)", own))
    if before & asked and not re.search(r"(?:19|20)\d{2}年(?:以前|之前|前)|\bbefore\b", ctx.question, re.I):
        return -1.0  # 2020年前应纳入…729家 counts up to that year, not in it
    if len(asked) < 2:  # only a question about a year besides the report's own picks by year
        return 0.0
    return 0.8 if named & asked else -0.4


def asked_year(question: str) -> int | None:
    """The one year a question asks about, the report it names left out (2016年报告说2015年… → 2015), or
    told relative to that report's year (2014年报告提出今年… → 2014)."""
    named = REPORT_YEAR.search(question)
    rest = question[: named.start()] + question[named.end() :] if named else question
    years = set(re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", rest))
    if not years and named and (relative := RELATIVE_YEAR.search(rest)) and relative.group(1):
        return int(named.group(1) or named.group(2)) + RELATIVE_OFFSET[relative.group(1)]
    if not years and named and re.search(r"当年|该年|\bthat year\b", rest):  # 2002年报告给当年…定的目标
        return int(named.group(1) or named.group(2))
    return int(years.pop()) if len(years) == 1 else None


def stated_years(text: str, f: Figure, report_year: int | None) -> set[int]:
    """The years a figure's sentence dates it to through a word relative to the report's year (or, when
    it names no time, the time the last sentence before it in its paragraph opens with), empty when
    none does or a year is written out after it (that one is the figure's own: ``_year_fit``).

    Why: "今年拟安排财政赤字2.18万亿元" in the 2016 report is 2016's deficit; asked for 2015's, the 2015
    report's 今年 figure is the answer, not this one, though both sentences read alike."""
    if report_year is None:
        return set()
    text = fold(text)  # ２００１年 is a year too (same offsets)
    a = sentence_at(text, f.start)[0]
    lead = text[a : f.start]
    if not RELATIVE_YEAR.search(lead) and CONTINUES.match(lead) and a > 0:
        lead = text[
            sentence_at(text, a - 1)[0] : f.start
        ]  # 其中，地方财政赤字…: the sentence before dates it
    found = list(RELATIVE_YEAR.finditer(lead))
    if not found and not ABSOLUTE_YEAR.search(lead):  # dated by the sentences before, in its paragraph:
        # the last one that opens with a time (2011年是…。过去一年，…。增长10.3% → 2010); a year inside a
        # sentence (赤字率从去年的2.1%提高到2.3%) is that sentence's comparison, not the paragraph's time
        before = text[max(text.rfind("\n", 0, a) + 1, a - PARAGRAPH_LOOKBACK) : a]
        opening = [m for s0, _ in sentences(before) if (m := _opening_time(before, s0))]
        if not opening or opening[-1].re is ABSOLUTE_YEAR:
            return {int(opening[-1].group()[:4])} if opening else set()
        found = opening[-1:]
    if not found or ABSOLUTE_YEAR.search(lead[found[-1].end() :]):
        return set()
    m = found[-1]
    if m.group(1):
        return {report_year + RELATIVE_OFFSET[m.group(1)]}
    n = cn_number(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))
    return set(range(report_year - int(n), report_year))


def _opening_time(text: str, start: int) -> re.Match | None:
    """The time a sentence opens with (今年，…; 2011年，…; 刚刚过去的2017年，…), or None: a year further in
    (赤字率从去年的2.1%提高到…) is that sentence's comparison, not the time it speaks of."""
    at = OPENING.match(text, start).end()
    return RELATIVE_YEAR.match(text, at) or ABSOLUTE_YEAR.match(text, at)


def _respective(text: str, figures: tuple[Figure, ...]) -> dict[int, tuple[list[str], int]]:
    """The item each figure of a 分别 run belongs to, by position: 化学需氧量、二氧化硫排放总量…，比上年分别
    下降3.14％和4.66％ gives 3.14％ to 化学需氧量 (keyed by the figure's start).

    Why: every figure of the run sits in one sentence that holds the question's words; only the order
    of the list before 分别 says which figure counts what. The list is the last clause before 分别 that
    jieba cuts into as many items (at 、和与及) as the run has figures; otherwise nothing is paired.
    Words the list's items share (增加值 after the last) are no item's own."""
    out: dict[int, tuple[list[str], int]] = {}
    counted = [f for f in figures if f.kind not in ("year", "date")]
    for m in re.finditer("分别", text):
        run: list[Figure] = []
        for f in counted:
            if f.start < m.end():
                continue
            gap = text[run[-1].end if run else m.end() : f.start]
            if RUN_JOINER.fullmatch(gap) if run else len(gap) <= 8 and not RUN_BREAK.search(gap):
                run.append(f)
            else:
                break
        if len(run) < 2:
            continue
        lead = text[sentence_at(text, m.start())[0] : m.start()]
        for clause in reversed(re.split(r"[，,；;：:]", lead)):
            items = ["".join(g).strip() for g in _split_words(clause)]
            if len(items) > len(run) and len(clause.split("、")) == len(run):
                # 信息传输软件和信息技术服务业、租赁和商务服务业: 和 inside the items' names, 、 between them
                items = [part.strip() for part in clause.split("、")]
            if len(items) > 1 and items[0]:
                # 高技术制造业、装备制造业增加值: past the first item's last word, the last item's words
                # (增加值) belong to every item
                first = [w for w in tagged(items[0]) if w.flag not in ("t", "d", "p")]  # 今年小麦 → 小麦
                items[0] = "".join(w.word for w in first) or items[0]
                last_word = jieba.lcut(items[0], HMM=False)[-1]
                if (k := items[-1].rfind(last_word)) > 0:
                    items[-1] = items[-1][: k + len(last_word)]
                elif len(items[-1]) > len(items[0]) + 2:
                    # 小麦、稻谷最低收购价平均每50公斤: the last item is as many words as the first
                    items[-1] = "".join(jieba.lcut(items[-1], HMM=False)[: len(first) or 1])
                if len(items) == len(run) and all(items):
                    out.update({f.start: (items, i) for i, f in enumerate(run)})
                break
        if run[0].start not in out:
            # 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%:
            # no list before 分别; the figures of as many clauses just before it, one each, name the items
            before = [f for f in counted if sentence_at(text, m.start())[0] <= f.start < m.start()]
            owners = before[-len(run) :]
            clauses_of = [_clause_of(text, f.start, f.end) for f in owners]
            alone = all(sum(a <= g.start < b for g in before) == 1 for a, b in clauses_of)
            if len(owners) == len(run) and alone:
                items = [text[a : f.start].strip() for (a, _), f in zip(clauses_of, owners, strict=True)]
                if all(items):
                    out.update({f.start: (items, i) for i, f in enumerate(run)})
    return out


@lru_cache(maxsize=4096)
def _runs_in_clause(text: str) -> Mapping[int, tuple[tuple[str, ...], int, Figure, bool]]:
    """For each figure of a clause that prints several of one kind side by side (基本建成470万套、新开工
    630万套), the words of each (the first one's last word, the words between the others), its place
    among them, the first of them, and whether the words are the items of a list before bare figures
    (城镇和农村…32.9平方米、37.1平方米: named by the list, an item may raise its figure as well as lower
    it): the clause's subject is all of theirs, these words tell them apart (``_item_fit``). Cached by
    text, as the passages' figures are (``find_figures``)."""
    out: dict[int, tuple[tuple[str, ...], int, Figure, bool]] = {}
    groups: dict[tuple[int, str], list[Figure]] = {}
    for f in find_figures(text):
        if f.kind not in ("year", "date"):
            groups.setdefault((_clause_of(text, f.start, f.end)[0], f.kind), []).append(f)
    for (a, _), run in groups.items():
        # a figure before the run is no part of it (近三年淘汰…产能9000多万吨、水泥2.3亿吨: not 三年)
        while len(run) > 2 and not text[run[0].end : run[1].start].lstrip().startswith("、"):
            run = run[1:]
        # parallel statements only (…470万套、新开工630万套): not a move (由240元提高到280元)
        between = [text[p.end : f.start] for p, f in zip(run, run[1:], strict=False)]
        if len(run) < 2 or not all(b.lstrip().startswith("、") and not DELTA.search(b) for b in between):
            continue  # (赤字规模5.66万亿元、比上年增加1.6万亿元: a change of the one before)
        # the first one's own word is the last before it (基本建成), not the clause's subject (城镇保障性住房)
        lead = jieba.lcut(text[a : run[0].start])
        near = (lead[-1] if lead else "", *between)
        groups = _split_words(text[a : run[0].start])
        listed = all(b.strip() == "、" for b in between) and len(groups) == len(run) and all(groups)
        if listed:
            # bare figures after a list (城镇和农村人均住房面积32.9平方米、37.1平方米): the list's items in
            # order, each as long as the first (the last one's other words are every item's)
            near = tuple("".join(g[: len(groups[0])]) for g in groups)
        for i, f in enumerate(run):
            out[f.start] = (near, i, run[0], listed)
    return MappingProxyType(out)  # cached: no caller may change what the next one gets


def _split_words(clause: str) -> list[list[str]]:
    """A clause's words grouped between the joiners of a list (、和与及以及), as jieba cuts it: 和 inside
    和谐 or 共和国 joins nothing."""
    groups: list[list[str]] = [[]]
    for w in jieba.lcut(clause, HMM=False):
        if w in ITEM_JOINERS:
            groups.append([])
        else:
            groups[-1].append(w)
    return groups


def _wholes(text: str, figures: tuple[Figure, ...]) -> dict[int, Figure]:
    """The whole each part figure belongs to, keyed by the part's start: 全区现有排污许可证企业48家，其中
    重点管理9家，简化管理39家 makes 9家 and 39家 parts of 48家. The whole is the last figure before 其中 in
    the part's sentence (or in the sentence before, when 其中 opens the part's); a year or a date is
    nobody's whole (截至2023年底，其中…)."""
    out = {}
    figures = tuple(f for f in figures if f.kind not in ("year", "date"))
    for i, f in enumerate(figures):
        a = sentence_at(text, f.start)[0]
        if CONTINUES.match(text, a) and a > 0:
            a = sentence_at(text, a - 1)[0]
        k = text.rfind("其中", a, f.start)
        if k >= 0 and (
            whole := next((w for w in reversed(figures[:i]) if a <= w.start and w.end <= k), None)
        ):
            out[f.start] = whole
    return out


def _lead(text: str, f: Figure) -> str:
    """The words of a figure's clause before it (其中重点管理9家 → 其中重点管理)."""
    return text[_clause_of(text, f.start, f.end)[0] : f.start]


def _names_part(ctx: Context, text: str, part: Figure, whole: Figure) -> bool:
    """Whether the question names the part by a word of its own (简化管理), not one its whole's words hold
    too (退税减税约2.5万亿元，其中留抵退税约1.5万亿元: 退税 names the whole as well). Words, not characters:
    高速铁路 is the part's own word though 高速 and 铁路 stand in the whole's 铁路、高速公路; the question
    names it when its terms make it up."""
    lead = _lead(text, part)
    if _is_subject(ctx, lead, _lead(text, whole)):
        return True
    if not any(t in lead for t in ctx.terms):
        return False  # no word of the question here at all: nothing to cut into words
    own = set(tokenize(lead)) - set(tokenize(_lead(text, whole)))
    return any(
        w in ctx.terms or (len(w) > 2 and sum(len(t) for t in ctx.terms if t in w) >= len(w)) for w in own
    )


def _is_subject(ctx: Context, lead: str, whole: str) -> bool:
    """Whether a part's lead ends with the words the question counts (…中，人大建议有几件 and
    其中人大建议9件) and its whole's does not (企业48家，其中重点企业9家: 企业有多少家 asks the whole)."""
    subject = ASKED_SUBJECT.search(ctx.question)
    tail = subject.group(1).removesuffix("了")[-4:] if subject else ""  # 协办了几件 counts 协办
    return bool(tail) and lead.endswith(tail) and not whole.endswith(tail)


def _item_weights(ctx: Context, items: Sequence[str]) -> list[float]:
    """How much the question's words name each item of a list, words every item holds left out."""
    return [
        sum(w for t, w in ctx.terms.items() if t in item and not all(t in other for other in items))
        for item in items
    ]


def _item_fit(ctx: Context, items: Sequence[str], i: int) -> float:
    """+1 when the question's words name item ``i`` of a 分别 list more than any other item, -1 when they
    name another more; words every item holds (a shared 排放总量) decide nothing."""
    weights = _item_weights(ctx, items)
    others = max(w for j, w in enumerate(weights) if j != i)
    return 1.0 if weights[i] > others else -1.0 if others > weights[i] else 0.0


# a span an English question states in words (the Ninth Five-Year Plan, nine-year schooling)
EN_SPAN = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+)[- ](year|month|day)s?\b", re.I
)
EN_SPAN_UNITS = {"year": "年", "month": "月", "day": "天"}


@lru_cache(maxsize=256)
def _question_figures(question: str) -> frozenset:
    """The figures a question states, as printed (compact) and as (value, base unit): 那57万里头 states
    the 57 万元 a sentence prints, and an English question's five-year plan or nine-year schooling the
    五年 and 九年 a report prints; base "" matches any unit."""
    said: set = set()
    for q in find_figures(question):
        said |= {nfkc_compact(q.text)} | ({(q.value, q.base)} if q.kind not in ("year", "date") else set())
    if not CJK.search(question):  # cancelling 100 administrative fees: the 100项 a report prints
        said |= {(float(n), "") for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", question)}
        said -= {(float(y), "") for y in re.findall(r"\b(?:19|20)\d{2}\b", question)}
    for m in EN_SPAN.finditer(question):
        number = m.group(1).lower()
        value = int(number) if number.isdigit() else EN_NUMBERS[number]
        said.add((float(value), EN_SPAN_UNITS[m.group(2).lower()]))
    return frozenset(said)


def _said(f: Figure, said: frozenset) -> bool:
    """Whether the question states figure ``f`` itself (``_question_figures``), as printed or by value:
    either way it is no answer; only one printed alike frames the figure after it (16%的税率降至13%)."""
    if nfkc_compact(f.text) in said:
        return True
    return f.kind not in ("year", "date") and ((f.value, f.base) in said or (f.value, "") in said)


def figure_candidates(ctx: Context, pi: int, text: str, year: int | None = None) -> list[Candidate]:
    """Figures in one passage (of the report of ``year``), scored by the clause they sit in and how
    their unit and noun fit."""
    out = []
    prev: Figure | None = None
    # (是不是257份 asks to confirm the figure it states: that figure, where the text prints it, answers)
    stated = frozenset() if CONFIRM.search(ctx.question) else _question_figures(ctx.question)
    asked = asked_year(ctx.question)
    acted = _counted_act(ctx.question)
    asked_part = _asked_clause(ctx.question)  # (not 全部取消农业税以后，…一共要安排多少支出: spending asked)
    figures = find_figures(text)
    respective = _respective(text, figures) if "分别" in text else {}
    runs = _runs_in_clause(text)
    wholes = _wholes(text, figures) if "其中" in text else {}
    named = {f.start for f in figures if f.start in wholes and _names_part(ctx, text, f, wholes[f.start])}
    asked_wholes = {wholes[s].start for s in named}
    parts: dict[int, list[Figure]] = {}  # the parts of each whole, in order
    for f in figures:
        if f.start in wholes:
            parts.setdefault(wholes[f.start].start, []).append(f)
    # 国内生产总值达到134.9万亿元、增长5%: an amount whose change the next figure states
    starts = {g.start for g in figures}
    changed = {f.start for f in figures if (m := CHANGE_NEXT.match(text, f.end)) and m.end() in starts}
    unstated: Figure | None = None  # the last figure before this one that the question does not state
    for f in figures:
        if f.kind in ("year", "date") or inside_quoted_term(text, f.start, f.end):
            continue  # “两个全覆盖”: a count inside a quoted term is part of its name, counts nothing
        if _said(f, stated):  # the question's own figure (现行16%的税率降至多少, 五年, 那57万里头)
            prev = f
            continue
        unstated = prev if prev is None or nfkc_compact(prev.text) not in stated else unstated
        cover, sim, score = _support(ctx, pi, text, f.start, f.end)
        a, _ = _clause_of(text, f.start, f.end)
        opens, closes = sentence_at(text, f.start)  # the figure's sentence, read by several rules below
        lead_in = text[opens : f.start]
        if prev is not None and prev.end > a and nfkc_compact(prev.text) in stated:
            score += 1.0  # the figure the question's own figure moves to (16%的税率降至13%)
        frame = (
            prev is not None and nfkc_compact(prev.text) in stated and not MOVED_TO.search(text[a : f.start])
        )
        # the question's own figure as a frame (平均每50公斤分别提高7.4元): the words before it are this one's
        before, shared = _own_words(text, a, f, unstated if frame else prev)
        # 企业48家，其中…简化管理39家: a part named by the question counts what its whole counts, too; a
        # part it does not name is not asked, nor is a whole when it names a part
        if whole := wholes.get(f.start):
            if f.start in named:
                before = _lead(text, whole) + before
                if _is_subject(ctx, _lead(text, f), _lead(text, whole)):
                    score += 1.0  # …财政赤字中，中央财政赤字是多少: the question's subject is this part
                siblings = parts[whole.start]
                subjects = [p for p in siblings if _is_subject(ctx, _lead(text, p), _lead(text, whole))]
                if sum(p.start in named for p in siblings) > 1 and len(subjects) != 1:
                    # 其中一般风险等级494家，较大风险等级26家: every part names 风险等级, 较大 only the second
                    score += _item_fit(ctx, [_lead(text, p) for p in siblings], siblings.index(f))
            else:
                score -= 0.8
        elif f.start in asked_wholes:
            score -= 0.8
        counted = f.noun or (prev.noun if shared and prev is not None else None) or before
        if text[f.end : f.end + 1] == "的" and f.kind == "money":  # 700多亿元的“三提五统”: its amount
            counted = text[f.end + 1 : _clause_of(text, f.start, f.end)[1]][:12]
        if f.start in runs and runs[f.start][1] and (first := runs[f.start][2]).noun:
            own = runs[f.start][0][runs[f.start][1]]
            if not any(first.noun[i : i + 2] in own for i in range(len(first.noun) - 1)):
                counted = first.noun  # 住房基本建成470万套、新开工630万套: 新开工 is no other thing counted
                # …产能9000多万吨、电解铝100多万吨: quantities of products, 电解铝 of that 产能 (not counts of
                # the kinds a question may name as its frame: 人大建议9件、政协提案3件 asked 协办了几件)
                label = own.rsplit("、", 1)[-1].strip()
                if f.kind == "measure" and label and all(w.flag[:1] == "n" for w in tagged(label)):
                    counted = label + first.noun
        start = f.start
        if shared and prev is not None and MOVED_TO.search(text[prev.end : f.start]):
            # 由50%提高到75%: where it went, asked by 提高到多少; 增长多少 asks the change, not the level
            level = not CHANGE_ASKED.search(ctx.question) or LEVEL_ASKED.search(ctx.question)
            score += -0.5 if ORIGIN_ASKED.search(ctx.question) or not level else 0.5
            if BOTH_ENDS_ASKED.search(ctx.question):  # from what to what: 17%降至13%, both ends
                start, score = prev.start, score + 1.0
        prev_end = prev.end if prev is not None else a
        prev = f
        after = text[f.end : _clause_of(text, f.start, f.end)[1]][:12]
        after = re.split(r"[\d、]", after)[0]  # up to the next figure or item: its words are its own
        target = _target_fit(ctx, text, f)
        score += target + _year_fit(ctx, before)
        other_year = False  # the sentence opens with another year than the one asked
        if asked is not None and (dated := stated_years(text, f, year)):
            # 今年 in the 2016 report is not 2015; 过去五年 holds 2020 but states no one year's figure
            one = len(dated) == 1 or PERIOD_ASKED.search(ctx.question)
            score += (0.8 if one else 0.0) if asked in dated else -1.5
        elif asked is not None and (opened := {int(y) for y in ABSOLUTE_YEAR_OPEN.findall(fold(lead_in))}):
            # 2002年…今年 asked: the sentence's own 2001年国内生产总值…增长7.3% is another year's figure
            if asked not in opened:
                score, other_year = score - 1.5, True
        if ORIGIN_TEXT.search(text[a : f.start]) and not ORIGIN_ASKED.search(ctx.question):
            score -= 0.5
        if shared and CHANGE_ONLY.fullmatch(text[max(a, f.start - 25) : f.start].strip()):
            # a clause that only states a change of the figure before it (支出7253亿元，增长21.8%):
            # the answer to a question that asks for a change, not for the amount
            score += 0.8 if CHANGE_ASKED.search(ctx.question) else -0.8
        elif prev_end > a and CHANGE_ONLY.fullmatch(text[prev_end : f.start].strip("、，, ")):
            # the same within a clause (比例达86.5%、上升4个百分点)
            score += 0.8 if CHANGE_ASKED.search(ctx.question) else -0.8
        lead = text[max(opens, prev_end) : f.start]  # 与2000年相比，…增长57.3%
        # the act asked right before the figure: 受理317件 (受理了多少件), 废止830件 (were abolished);
        # not the first of items the act leads together (分别提高3分、5分和1毛钱)
        shared_act = f.start in respective or f.start in runs or "分别" in lead
        if acted and not shared_act and lead.rstrip(ACT_LINK).endswith(acted):
            score += ACT_LED
        # a change over a base; one with none of its own (…比上年增长52％；其中…实现利润967亿元，增长77．7％)
        # is over the base its sentence named before it (across a ；, which ends a sentence for
        # ``sentence_at`` but not the base)
        whole = text[max(text.rfind(c, 0, opens) for c in "。！？!?\n") + 1 : f.start]
        change = bool(COMPARED.search(lead) or DELTA.search(lead) and COMPARED.search(whole))
        if change or COMPARED.search(ctx.question):
            score += 0.8 if change == bool(COMPARED.search(ctx.question)) else -0.8
        since_asked = asked is not None and f"{asked}年以来" in lead_in
        # 累计 alone in a sentence that names no span (对违法企业累计立案处罚9起) sums the report's own year
        span = set(PERIOD_FIGURE.findall(before)) != {"累计"} or SPAN.search(lead_in)
        period = span and PERIOD_FIGURE.search(before)
        if period and not PERIOD_ASKED.search(ctx.question) and not since_asked:
            # (2023年以来…累计公开1623条 asked of 2023: counted within the year asked)
            score -= 0.6 if asked is None else 1.2  # 2012年增长了多少: 五年…年均增长9.3% least of all
        elif AVERAGE.search(ctx.question):  # an average asked (年均增长多少): one year's growth is not it
            score += 0.6 if AVERAGE.search(before) else -0.6
        this_year = bool(SPAN_ASKED.search(ctx.question) and re.search(r"今年|明年", lead_in))
        score -= 1.5 if this_year else 0.0  # cut over the past five years: 今年再压减…3000万吨 is a plan
        if NEGATED.search(ctx.question) and NEGATED.search(before):
            score += 1.0  # 不算环保举报的有多少件: 不属于环保举报件247件, not the 564件 received
        if RANGE_ASKED.search(ctx.question) and f.high is not None:
            score += 0.5
        if f.start in respective:
            items, i = respective[f.start]
            score += _item_fit(ctx, items, i)
            most = _item_weights(ctx, items)[i] >= 0.4 * ctx.total  # the item is most of what is asked
            if most and CHANGE_ASKED.search(ctx.question) and DELTA.search(text[a : f.start]):
                score += 0.8  # 增长了多少: the item's change in a 分别 run (分别实际增长7.7%和6.8%)
        elif f.start in runs and f.start not in wholes:  # only down: the run may be the wrong sentence
            fit = _item_fit(ctx, *runs[f.start][:2])
            score += 0.5 * (fit if runs[f.start][3] else min(0.0, fit))  # a listed item: up as well
        if SHARE.search(before) and not SHARE.search(ctx.question) and CHANGE_ASKED.search(ctx.question):
            score -= 0.8  # 国内生产总值增长了多少: 占国内生产总值的比重…1.97% is a share, not the growth
        # 国内生产总值是多少: 单位国内生产总值能耗…上升5.5% measures something per unit of what is asked
        per_unit = (
            "单位" in lead_in
            and "单位" not in ctx.question
            and any(f"单位{t}" in lead_in for t in ctx.terms if len(t) > 1)
        )
        score -= 2.0 if per_unit else 0.0  # another measure: below the figures of the one asked
        local = (_overlap(ctx.terms, counted) + _overlap(ctx.terms, before + after)) / (ctx.total or 1)
        score += (3 * _overlap(ctx.terms, counted) + _overlap(ctx.terms, before + after)) / (ctx.total or 1)
        # a question that names its kind of figure (率, 金额) wants that kind; "多少" takes any
        score += 0.6 if f.kind in ctx.prefs[:1] else 0.3 if f.kind in ctx.prefs else -0.6
        score -= 1.5 if f.kind not in ctx.prefs and len(ctx.prefs) < 3 else 0.0
        clash = (bool(NAMED_MEASURE.search(ctx.question)) and "系数" not in text[opens:closes]) or (
            ctx.kind.name == "amount" and f.kind in ("count", "measure")
        )  # money asked (罚款多少, 投了多少钱): 9件 counts cases, 4800万平方米 measures floor space
        if ctx.measure:
            fit = _measure_fit(ctx.measure, f.base)
            if f.kind in ("percent", "points") and ctx.prefs[0] not in ("percent", "points"):
                fit = -1.0  # 总数是多少户: 增长21.6% is no count of 户
            score += 0.8 * fit
            clash = clash or fit < 0
        elif EN_COUNT_ASKED.search(ctx.question) and (
            f.kind in ("percent", "points") or DURATION.search(f.base.split("/")[0] if f.base else "")
        ):
            score, clash = score - 0.8, True  # how many applications: 85% or 2个工作日 counts none
        # PM2.5平均浓度是多少: a concentration is stated in its unit (微克/立方米); a percent is its change
        level = CONCENTRATION.search(ctx.question) and not CHANGE_ASKED.search(ctx.question)
        clash = clash or per_unit or bool(level and f.kind in ("percent", "points"))
        conf = _confidence(cover, sim, bool(ctx.sims), local) - (0.6 if clash else 0.0)
        conf -= UNDATED if other_year else 0.0
        conf -= UNPLANNED if this_year else 0.0
        rates = _rates_asked(ctx.question)
        if rates and f.kind in ("percent", "points"):
            sentence = fold(text[opens:closes])
            if not any(r in sentence for r in rates):  # 失业率 asked: this percent is another rate
                conf -= UNPLANNED
            elif _other_qualifier(ctx.question, sentence, rates):  # 调查失业率 asked: not 登记失业率
                conf, clash = min(conf, ABSTAIN - 0.1), True
        elif ctx.kind.name == "percent" and f.kind not in ("percent", "points", "ratio", "multiple"):
            conf -= UNPLANNED  # a rate or share asked (胜诉率是多少): a count (16件) does not state it
        if _contrary(ctx, fold(text[opens:closes])):  # inbound asked: 出境旅游人次 counts the other way
            conf, clash, score = min(conf, ABSTAIN - 0.1), True, score - 1.5
        if (  # (Chinese, or English "what was …": English asks a change in too many words: cut, lower)
            f.kind == "percent"
            and ctx.kind.name == "count"
            and (CJK.search(ctx.question) or WHAT_WAS.match(ctx.question))
            and not CHANGE_ASKED.search(ctx.question)
            and CHANGE_ENDS.search(text[max(a, f.start - 6) : f.start])
        ):
            # 一般公共预算收入是多少: what grew 5.1% is not the amount asked, and 进出口总额达到多少 ranks the
            # 8512亿美元 reached above the 增长37.1% beside it
            conf -= UNPLANNED
            score -= 1.6
        if (
            f.start in changed
            and f.kind not in ("percent", "points")
            # (not 增加300亿元，增长20%: both are changes)
            and not CHANGE_ENDS.search(text[max(a, f.start - 6) : f.start])
            and CHANGE_ASKED.search(ctx.question)
            and not LEVEL_ASKED.search(ctx.question)
            and not UNIT_ASKED.search(ctx.question)
        ):
            score -= 1.6  # 国内生产总值增长了多少: the 5% after 达到134.9万亿元, not the amount reached
        if DAILY.search(before) and not DAILY.search(ctx.question):
            conf -= UNPLANNED  # 平均每天新增1.2万户 is no year's total
        if (PER_UNIT.search(before[-8:]) or PER_CAPITA.search(before)) and ALL_ASKED.search(ctx.question):
            conf -= UNDATED  # 每家补助3000元 is what one firm got, not what was spent in all
            score -= 1.0  # (国内生产总值的总量: not 人均国内生产总值突破1000美元)
        if PER_CAPITA.search(ctx.question) and not PER_CAPITA.search(text[opens:closes]):
            conf -= UNPLANNED  # 人均可支配收入是多少元: 全国财政收入突破20万亿元 is no one's share
        if _target_asked(ctx.question) and target <= 0:
            conf -= UNPLANNED  # a target asked: an outcome the report states is not its answer
        if f.kind == "money" and any(k in asked_part and k not in text[opens:closes] for k in MONEY_KINDS):
            conf -= UNPLANNED  # 罚没款一共多少万元: 为企业节省费用2000余万元 is no fine
        asked_noun = _counted_asked(ctx.question)
        sentence = fold(text[opens:closes])
        if asked_noun and not any(w in sentence for w in (asked_noun, *formal(asked_noun))):
            # 收到政协提案多少件: 人大代表建议12件 counts another thing, however close its other words
            conf -= UNPLANNED
        end = f.end
        if f.noun and text.startswith(f.noun, end) and _ends_question(ctx.question, f.unit + f.noun):
            end += len(f.noun)  # 分成了几个方面: 10个方面, the measure word's noun the question ends on
        elif (tail := _asked_tail(ctx.question, f.unit)) and text.startswith(tail, end):
            end += len(tail)  # 扩大到多少个县: 1000个县, a noun of one character the parser leaves out
        out.append(Candidate(pi, start, end, text[start:end], score, conf, clash=clash, figure=f))
    return out + _whole_runs(ctx, text, respective, out)


def _whole_runs(
    ctx: Context, text: str, respective: dict[int, tuple[list[str], int]], found: list[Candidate]
) -> list[Candidate]:
    """A 分别 run whose every item the question names (import and export clearance times, 进口、出口通关
    时间分别压减67%和92%): all its figures as printed, above the best of them."""
    runs: dict[tuple[str, ...], list[Candidate]] = {}
    for c in found:
        if c.figure is not None and c.start in respective:
            runs.setdefault(tuple(respective[c.start][0]), []).append(c)
    out = []
    both = re.search(r"[和与及、]|\band\b", ctx.question)  # (化学需氧量排放总量 asks one item of two)
    for items, members in runs.items():
        if both and len(members) == len(items) and all(w > 0 for w in _item_weights(ctx, items)):
            best = max(members, key=lambda c: c.score)
            a, b = members[0].start, members[-1].end
            out.append(replace(best, start=a, end=b, text=text[a:b], score=best.score + 0.5))
    return out


def _ends_question(question: str, counted: str) -> bool:
    """Whether the question ends by asking how many of ``counted`` (…分成了几个方面？)."""
    return bool(re.search(rf"(?:几|多少){re.escape(counted)}\W*$", question))


@lru_cache(maxsize=256)
def _asked_tail_pattern(unit: str) -> re.Pattern:
    return re.compile(rf"(?:几|多少){re.escape(unit)}([\u4e00-\u9fff]{{1,4}})\W*$")


def _asked_tail(question: str, unit: str) -> str:
    """The noun a question ends on after the figure's measure word (多少个县 → 县), or ''."""
    m = _asked_tail_pattern(unit).search(question) if unit else None
    return m.group(1) if m else ""


def _proper(word: str, flag: str) -> bool:
    return flag in {"ns", "nr", "nt", "nz", "nrt", "nrfg", "eng"} or (len(word) > 1 and flag in {"x", "un"})


@lru_cache(maxsize=4096)
def _names_in(text: str) -> tuple[str, ...]:
    """The proper names in ``text`` (jieba with its HMM, which finds names it has never seen: 神舟六号).

    Cached by text: tagging with the HMM is the slowest step of answering a name question (~5 ms a
    passage), and the same clauses are read for the shortlist, again for the final choice, and again
    when a follow-up or another asker returns to the report."""
    return tuple(w.word for w in tagged(text) if _proper(w.word, w.flag))


def _noun_phrase_before(text: str, end: int, floor: int) -> int:
    """Start of the noun phrase that ends at ``end`` (第十四届全国人民代表大会第一次会议, 君策律师事务所):
    words are taken back while they are nouns, numerals, measure words or names; a verb, preposition,
    conjunction or particle ends it."""
    words = list(tagged(text[floor:end]))
    start = end
    for w in reversed(words):
        # a verbal noun names like a noun (福建干部管理培训网络学院: 管理, 培训), so does a Latin code
        # (PM2 of 细颗粒物PM2.5等监测指标: eng, not the interjection e)
        if (
            w.flag[:1] in {"v", "p", "c", "u", "d", "r", "x", "y", "e"}
            and w.flag not in ("vn", "eng")
            and start < end
        ):
            break
        start -= len(w.word)
    phrase = text[start:end]
    for left, right in PAIRS:  # “四个第一时间”要求: a closing mark taken brings its opening one
        if phrase.count(right) > phrase.count(left) and text[start - 1 : start] == left:
            start -= 1
    return start


def _description_before(text: str, end: int, floor: int) -> int:
    """Start of a description that a verb leads into the noun at ``end`` (呈现前低中高后稳态势, 呈现前高、
    中低、后扬态势), else ``end``: what a 什么态势/格局 question asks is the words between the verb and the
    noun, when none of them is a noun (which the noun phrase takes instead). They are adjectives,
    directions, adverbs, bound morphemes and 、, which a noun phrase does not cross."""
    words = list(tagged(text[floor:end]))
    start = end
    for w in reversed(words):
        if w.flag.startswith("v") and len(w.word) > 1 and w.flag != "vn":
            return start
        if not (w.flag[:1] in {"a", "f", "d", "s", "m", "b"} or w.flag.endswith("g") or w.word == "、"):
            return end
        start -= len(w.word)
    return end


def _place_spans(text: str) -> list[tuple[int, int, float]]:
    """Places after 在 (今年在东北地区部分行业先行试点 → 东北地区, 在北京、上海等地 → 北京、上海): a place
    name, then more of them after 、 and the words that widen one (全省, 地区)."""
    spans = []
    for m in re.finditer("在", text):
        words = list(tagged(text[m.end() : m.end() + 16]))
        at, end = m.end(), None
        for w in words:
            if w.flag in ("ns", "nt") or (end is not None and w.word in PLACE_WIDENERS):
                end = at + len(w.word)
            elif not (end is not None and w.word == "、"):
                break
            at += len(w.word)
        if end is not None:
            spans.append((m.end(), end, 1.0))
    return spans


EVENT = re.compile(r"(?:会议|大会|运动会|博览会|峰会|论坛|运会|世博会)$")  # what is held somewhere


def _event_places(ctx: Context, text: str) -> list[tuple[int, int, float]]:
    """The place named right before an event the question asks where it was held (成都大运会 → 成都):
    the event's words as the question has them (全军政治工作会议), then a word jieba tags as a place
    (古田, which it tags as a person's name, is missed)."""
    spans = []
    for event in (t for t in ctx.terms if len(t) > 1 and EVENT.search(t)):
        for m in re.finditer(re.escape(event), text):
            start = m.start()  # back over the words of the event the question holds (全军政治工作)
            while start > 0 and text[start - 1 : m.end()] in ctx.question:
                start -= 1
            words = tagged(text[max(0, start - 6) : start])
            if words and words[-1].flag == "ns" and len(words[-1].word) > 1:
                spans.append((start - len(words[-1].word), start, 1.0))
    return spans


def _named_spans(ctx: Context, text: str) -> list[tuple[int, int, float]]:
    """Noun phrases that end in the asked noun (哪个…自贸区 → 中国上海自由贸易试验区 ends in 区, 上海世博会 in
    世博会): the longest tail of the noun that the text holds, with the words before it that name it; for
    a question that asks where, the places the text says something happens in."""
    if WHERE_ASKED.search(ctx.question) and (places := _place_spans(text) + _event_places(ctx, text)):
        return places
    found: list[tuple[int, int, float]] = []
    for head in (*ctx.heads, *(n for h in ctx.heads for n in NAMED_AS.get(h, ()))):
        if head in GENERIC_BODIES:  # 移送给哪个单位: any body the text names (区公安局), not a 单位
            found += _body_spans(ctx, text)
            continue
        for size in range(len(head), 0, -1):
            spans = []
            for m in re.finditer(re.escape(head[-size:]), text):
                a, _ = _clause_of(text, m.start(), m.end())
                if (
                    text[m.start() - 1 : m.start()] == "等"
                    and size == len(head)
                    and not RANKED.match(text, m.start() - 2)
                ):
                    # 获评技能竞赛先进个人等奖项 asked 什么奖项: what 等 closes names the asked noun
                    at = m.start() - 1
                    s = _noun_phrase_before(text, at, max(a, at - 20))
                    if at - s > 1 and text[s:at] not in ctx.question:
                        spans.append((s, at, 1.0))
                    continue
                s = _noun_phrase_before(text, m.start(), max(a, m.start() - 20))
                s = min(s, _description_before(text, m.start(), max(a, m.start() - 16)))
                s = _after_asked_words(ctx, text, a, s)
                if (
                    m.end() - s > size
                    and text[s : m.end()] not in ctx.question
                    and not COUNT_ONLY.fullmatch(text[s : m.end()].removesuffix(head))
                ):  # 22部行政法规 counts the regulations, names none
                    weight = 1.0 if size > 1 or size == len(head) else 0.5
                    spans.append((s, m.end(), weight))
                    if (v := _object_start(ctx, text, a, s, m.start(), m.end())) is not None:
                        spans.append((v, m.end(), weight))
                    # 把/将 asked: the whole object of 将 before the whole asked noun (就业优先政策, not
                    # 优先政策), which it goes before when nothing else tells them apart
                    noun = size == len(head) and tagged(head)[-1].flag[:1] == "n"  # (把什么作为: a verb)
                    if noun and BA_ASKED.search(ctx.question):
                        v = _object_start(ctx, text, a, s, m.start(), m.end(), ("将", "把"))
                        if v is not None:
                            spans.append((v, m.end(), weight + 0.05))
            if size == len(head) > 2:  # an abbreviation's full name: 自贸区 ← 自由贸易试验区
                for m in re.finditer(re.escape(head[-1]), text):
                    a, _ = _clause_of(text, m.start(), m.end())
                    s = _noun_phrase_before(text, m.start(), max(a, m.start() - 20))
                    full = text[s : m.end()]
                    literal = head in full  # found above already
                    if (
                        not literal
                        and len(full) > size + 1
                        and re.search(".*?".join(map(re.escape, head)), full)
                    ):
                        # it names the asked noun as fully as the literal one does
                        spans.append((s, m.end(), 1.0 + ctx.terms.get(head, 0.0) / (ctx.total or 1)))
            if size == len(head) == 2:
                spans += _short_form_spans(ctx, text, head)
            if spans:
                found += spans
                break
        if found and CJK.search(ctx.question):
            return found  # an English noun's translations are alternatives: 制度, 系统 or 体系 (which system)
    return found


def _after_asked_words(ctx: Context, text: str, a: int, s: int) -> int:
    """Where a name before the asked noun starts when the question's words lead up to it (全面完成西部边远
    山区的什么任务 → …西部边远山区溜索改桥任务): right after them, though a word of one character there (溜)
    ends the noun phrase found by tags; ``s`` when the question has no such words or they are further off."""
    m = END_SLOT.search(ctx.question)
    if not m:
        return s
    before = m.group(1).removesuffix("的")
    for i in range(len(before) - 1):  # the longest of the words before that the clause holds
        at = text.rfind(before[i:], a, s)
        if at >= 0:
            lead_end = at + len(before) - i
            lead_end += text.startswith("的", lead_end)  # 减轻农民负担的治本之策: the name starts after 的
            between = range(lead_end, s)
            return lead_end if 0 < len(between) <= 2 and all(CJK.match(text, i) for i in between) else s
    return s


def _object_start(
    ctx: Context, text: str, a: int, s: int, head: int, end: int, verbs: tuple[str, ...] | None = None
) -> int | None:
    """Where the object of the question's own verb starts when it reaches further back than the noun
    phrase (实施提升行政执法质量三年行动 asked 实施了什么三年行动: 提升 is a verb inside the name, so the
    noun phrase alone is 行政执法质量三年行动), else None. ``verbs``: the words that lead the object
    instead (将/把 for a question asked with 把什么: 将就业优先政策置于…, whose 就业 is a verb too)."""
    verbs = verbs if verbs is not None else (ctx.verb,) if ctx.verb else ()
    at, verb = max(((text.rfind(w, a, s), w) for w in verbs), default=(-1, ""))
    if at < 0:
        return None
    v = at + len(verb)
    while v < s and text[v] in "了的着过 ":  # 开展了“送法入企”…: a particle is no part of it
        v += 1
    closing = dict(PAIRS).get(text[v : v + 1])
    if closing and closing not in text[v:end]:  # 《廉政准则》 asked 准则: a mark it does not close
        v += 1
    # (坚持实行广覆盖、保基本、多层次、可持续的方针: items joined by 、 that modify the noun are its name)
    stops = r"[，,；;。：:]" if text[head - 1 : head] == "的" else r"[，,；;。、：:]"
    return v if v < s and head - v <= 24 and not re.search(stops, text[v:head]) else None


def _body_spans(ctx: Context, text: str) -> list[tuple[int, int, float]]:
    """Names of bodies (区公安局, 县生态环境局, 市检察院): a noun ending in a body's word, with the noun
    phrase before it; a bare 我局 is no name."""
    spans, pos = [], 0
    for w in tagged(text):
        end = pos + len(w.word)
        if w.flag[:1] == "n" and BODY_END.search(w.word):
            a, _ = _clause_of(text, pos, end)
            s = _noun_phrase_before(text, end, max(a, end - 16))
            if end - s >= 3 and text[s:end] not in ctx.question:
                spans.append((s, end, 1.0))
        pos = end
    return spans


def _short_form_spans(ctx: Context, text: str, head: str) -> list[tuple[int, int, float]]:
    """Names that end in the first character of a two-character head noun when that character is a noun
    itself and ends a word there (哪个网站 → 浙江政务网, 哪个湖泊 → 西湖): Chinese names abbreviate the
    generic noun to its head character, so the literal 网站 may be absent or, worse, only in a garbled
    clause while the name stands nearby. They compete with the literal spans on their support."""
    tag = pseg.dt.word_tag_tab.get(head[0], "")
    if not tag.startswith(("n", "j")) or tag == "nr":  # (法 of 法律 is tagged j; 律 of 律所 a name's nr)
        return []
    spans = []
    ends: dict[int, set[int]] = {}  # word ends of each clause, cut once however often the character occurs
    for m in re.finditer(re.escape(head[0]), text):
        if text[m.end() : m.end() + 1] == head[1]:
            continue  # the literal noun, found already
        a, b = _clause_of(text, m.start(), m.end())
        if a not in ends:
            ends[a] = set(accumulate(map(len, jieba.lcut(text[a:b])), initial=a))
        if m.end() not in ends[a]:
            continue  # inside a word (网络, 公开): not the noun
        s = _noun_phrase_before(text, m.start(), max(a, m.start() - 20))
        if m.end() - s > 2 and text[s : m.end()] not in ctx.question:
            spans.append((s, m.end(), 0.8))
    return spans


def _law_start(text: str, s: int, e: int) -> int:
    """Where an untitled law's name starts: right after the act that makes it (制定实施香港特别行政区维护
    国家安全法: the whole name, whose 维护 a noun chain stops at), else at ``s``."""
    if not LAW_NAME.search(text, s, e):
        return s
    a = _clause_of(text, s, e)[0]
    acts = list(LAWMAKING.finditer(text, a, s))
    if acts and not re.search(r"[的和及与、等，,]", text[acts[-1].end() : s]) and s - acts[-1].end() <= 20:
        return acts[-1].end()
    return s


def name_candidates(ctx: Context, pi: int, text: str, finder: str) -> list[Candidate]:
    """Tight spans that name something: 《titles》, “quoted” names with their noun, named bodies."""
    out = []
    spans: list[tuple[int, int, float]] = []
    if finder == "title":
        # a title that holds the asked noun's tail (哪部法律草案 → 《…法（草案）》) is the one asked for; a
        # name question asking for no document (哪个网站, 哪家律师事务所) is not answered by a title at all
        if ctx.kind.name == "name" and ctx.heads and not any(DOCUMENT.search(h) for h in ctx.heads):
            return []
        spans = [
            (m.start(), m.end(), 1.0 + 1.5 * any(h[-2:] in m.group() for h in ctx.heads if len(h) > 1))
            for m in TITLE.finditer(text)
        ]
    elif finder == "quoted":
        # a title asked (方案叫什么): a quoted name inside a 《title》 is part of it, not the answer
        titles = [t.span() for t in TITLE.finditer(text)] if ctx.kind.name == "title" else []
        for m in QUOTED.finditer(text):
            if any(a < m.start() and m.end() < b for a, b in titles):
                continue
            tail = re.match(r"[\u4e00-\u9fff]{1,6}", text[m.end() : m.end() + 6])
            end = m.end()
            if tail:
                words = []
                for w in tagged(tail.group()):
                    if not w.flag.startswith(("n", "vn")) or sum(map(len, words)) >= 4:
                        break
                    words.append(w.word)
                end += sum(map(len, words))
                # never cut inside the question's own word (公众/号: 微信公众号): up to 2 characters more
                if words:
                    last, cut = end - len(words[-1]), end
                    while end < cut + 2 and CJK.match(text, end) and text[last : end + 1] in ctx.question:
                        end += 1
            # the asked noun a little further on ends the name (“一河一策一图”环境应急响应方案 asked 方案)
            ahead = re.match(r"[\u4e00-\u9fff]{0,10}", text[m.end() : m.end() + 10]).group()
            end = max(
                [end] + [m.end() + ahead.find(h) + len(h) for h in ctx.heads if len(h) > 1 and h in ahead]
            )
            if any(h[-1:] in text[m.start() : end + 2] for h in ctx.heads):
                spans.append((m.start(), end, 1.0))
            elif not ctx.heads:  # 哪家律师事务所, which law firm: not “一刀切”
                spans.append((m.start(), end, 0.3))
            elif (  # (坚持“请进来”和“走出去”相结合: the first of a pair is not the object)
                len(ctx.verb) > 1
                and text[max(0, m.start() - len(ctx.verb)) : m.start()] == ctx.verb
                and text[m.end() : m.end() + 1] not in "和与及、"
            ):
                spans.append((m.start(), m.end(), 0.3))  # 扩大哪项政务服务的范围: 扩大“跨省通办”范围
    elif finder == "named":
        # a name inside a 《title》 is the whole title (《…裁量规则和基准》 asked 哪份规则: not cut at 和)
        titles = [t.span() for t in TITLE.finditer(text)]
        spans = [
            next(
                ((a + 1, b - 1, w) for a, b in titles if a < s and e < b - 1), (_law_start(text, s, e), e, w)
            )
            for s, e, w in _named_spans(ctx, text)
        ]
    for s, e, bonus in spans:
        cover, sim, score = _support(ctx, pi, text, s, e)
        value = text[s:e]
        inside = _overlap(ctx.terms, value) / (ctx.total or 1)
        if finder == "named":
            # a phrase that holds a proper name or a number names one thing (浙江政务网, 第十四届…会议);
            # one of common words only describes (行政处罚案件网站): the question's words in it show nothing
            if _names_in(value) or NUMBERED_NAME.search(value):
                bonus += NAMING
            else:
                inside, bonus = 0.0, bonus - NAMING / 3
        if (
            _repeats(ctx, value) > 0.8 or re.sub(r"\s+", "", value).strip('“”"《》') in ctx.question
        ):  # it only repeats the question
            continue
        if any(value.endswith(r) for r in ctx.roles):  # 哪位律师: a name ending in 律师 is no lawyer's
            continue
        if SELF.fullmatch(value):  # (2024年)我局, 本市: the report speaking of itself names nothing
            continue
        # the question's words in the span's own clause, not only its sentence: of 获评…团体三等奖，多名同志
        # 获评…先进个人等奖项, the clause that says 多名同志 holds what they won
        a, b = _clause_of(text, s, e)
        # the words between the question's verb and a name's tail are the name's, not its context
        # (推进执法全过程记录制度: 执法 does not raise 全过程记录制度 above the whole name)
        lead = (_object_start(ctx, text, a, s, s, e) if finder == "named" else None) or s
        # another 《title》 beside it is another name, not its context (《…宣传活动方案》《…实施办法》)
        around = TITLE.sub("", text[a:lead]) + TITLE.sub("", text[e:b])
        score += 1.0 + bonus + inside + 2.0 * _overlap(ctx.terms, around) / (ctx.total or 1)
        if numbers := _identifiers(ctx.question):  # 第168号建议叫什么: the title printed with (第168号)
            score += 1.0 if any(n in fold(text[max(0, s - 4) : e + 8]) for n in numbers) else -0.5
        if ctx.verb and (ctx.verb in text[max(0, s - 4) : s] or ctx.verb in text[e : e + 12]):
            score += 1.0  # the question's own verb governs it (设立了哪个… → 设立中国上海自由贸易试验区)
            score += 0.2 if text[max(0, s - len(ctx.verb)) : s] == ctx.verb else 0.0  # its whole object
        paired = ctx.heads and re.match(rf"[和及与]{CJK.pattern}{{1,10}}?{re.escape(ctx.heads[0])}", text[e:])
        if finder == "named" and paired:
            score -= 0.5  # 保障性租赁住房和共有产权住房: the first of two the text pairs, not all it names
        frame = FRAME.search(ctx.question)
        if frame and frame.group(1) in text[max(0, s - 3) : s] and text[e : e + 1] == frame.group(2):
            score += 1.0  # the question's frame around it (在哪次会议上 → 在第十四届…第一次会议上)
        out.append(Candidate(pi, s, e, value, score, _confidence(cover, sim, bool(ctx.sims))))
    return out


# 把/将 X 作为 Y (the disposal construction): the question asks X with 把什么作为…, and the text says X
# between 把 and its verb, whichever of these verbs it uses (把什么当成必要条件 ← 把遵彰守纪作为必要条件);
# 以X为Y alike (以什么为主要平台 ← 以20国集团金融峰会等重大多边活动为主要平台)
_DISPOSE = "作为|当作|当成|列为|列入|列进|纳入|视为|确定为|写进|写入"
_WHAT = "(?:什么|啥|哪[个项件类种部条份]?)"
DISPOSAL_ASKED = re.compile(rf"[把将]{_WHAT}(?:{_DISPOSE})|(以){_WHAT}为")
DISPOSAL = re.compile(rf"[把将]([^，,。；;！？]{{2,60}}?)(?:{_DISPOSE})")
ADOPTED = re.compile(r"以([^，,。；;！？]{2,60}?)为")  # 以X为Y (以宪法为核心): X asked by 以什么为Y


def slot_candidates(ctx: Context, pi: int, text: str) -> list[Candidate]:
    """What the text puts where the question puts its question word, between the question's own words
    on either side (对哪些情况进行全面审计 → 对土地出让金收支和耕地保护情况进行全面审计): the words after
    the question word, three or more, found verbatim, and the nearest of the words before it; and what
    a quoted term asked about stands for, said before the term (``_defined_before``)."""
    out = _defined_before(ctx, pi, text) + _said_to_be(ctx, pi, text)
    m = SLOT.search(ctx.question)
    if not m:
        return out
    before, after = m.group(1), m.group(2)
    words = list(tagged(after))
    k = next((i for i, w in enumerate(words) if not w.flag.startswith("n") or w.flag == "vn"), len(words))
    head = "".join(w.word for w in words[:k])  # the noun asked (情况) ends the answer; the words after it
    rest = after[len(head) :]  # follow it, the nearest of them first (进行全面审计)
    for j in range(len(rest), 2, -1):
        right = rest[:j]
        if right not in text:
            continue
        for r in (x.start() for x in re.finditer(re.escape(right), text)):
            a, _ = _clause_of(text, r, r)
            lead = next((before[i:] for i in range(len(before)) if before[i:] in text[a:r]), "")
            if not lead:
                continue
            s = text.rfind(lead, a, r) + len(lead)
            value = text[s:r]
            if not 2 <= len(value) <= 30 or not value.endswith(head) or value == head:
                continue
            out.append(_span_candidate(ctx, pi, text, s, r, 1.0 + 0.2 * len(right)))
        break
    return out


def _said_to_be(ctx: Context, pi: int, text: str) -> list[Candidate]:
    """What the text says a thing is when the question asks it with 是什么 (当务之急是什么 ← 当务之急是“严”字
    当头，强化管理): the words after the text's own X是, to the end of the sentence when that is short."""
    m = COPULA_ASKED.search(ctx.question)
    if not m:
        return []
    out = []
    for t in re.finditer(re.escape(m.group(1)) + "是", text):
        s, (_, b) = t.end(), sentence_at(text, t.end())
        e = b if b - s <= 40 else _clause_of(text, s, s)[1]
        value = text[s:e].rstrip("。；;！!")
        if len(value) >= 2:
            out.append(_span_candidate(ctx, pi, text, s, s + len(value), 2.0))
    return out


def _defined_before(ctx: Context, pi: int, text: str) -> list[Candidate]:
    """What a quoted term the question asks about stands for when the text says it before the term
    (“双引擎”是指哪两方面 ← 打造大众创业、万众创新和增加公共产品、公共服务“双引擎”): the clause's words up to
    the term, its leading verb left out."""
    m = DEFINED_ASKED.search(ctx.question)
    if not m:
        return []
    out = []
    for t in re.finditer(re.escape(m.group(1)), text):
        a, _ = _clause_of(text, t.start(), t.end())
        words = list(tagged(text[a : t.start()]))
        lead = len(words[0].word) if words and words[0].flag.startswith("v") else 0
        s = a + lead
        body = text[s : t.start()]
        # its parts, joined (not 全面推行行政执法“三项制度”, a heading naming it; not another term “六稳”、)
        if 4 <= len(body) <= 40 and re.search(r"[、和及与]", body) and not re.search(r"[“”\d]", body):
            out.append(_span_candidate(ctx, pi, text, s, t.start(), 4.0))
    return out


def disposal_candidates(ctx: Context, pi: int, text: str) -> list[Candidate]:
    """What the text puts where the question's 把什么 stands: X of 把X作为Y, its Y told by the words
    after the question's verb (宏观调控的首要任务), however long X is (a clause of its own, often); and
    of a question that asks a noun (什么平台), the X of 以X为平台."""
    asked = DISPOSAL_ASKED.search(ctx.question)
    if asked:
        rest = {t: w for t, w in ctx.terms.items() if t in ctx.question[asked.end() :]}
        found = (ADOPTED if asked.group(1) else DISPOSAL).finditer(text)
    elif heads := [h for h in ctx.heads if len(h) > 1 and CJK.match(h)]:
        # 靠什么平台 ← 以污染源自动监控系统和移动执法系统为平台: what the text takes as the noun asked
        rest = {h: ctx.terms.get(h, 1.0) for h in heads}
        found = (m for m in ADOPTED.finditer(text) if text.startswith(tuple(heads), m.end()))
    else:
        return []
    out = []
    for m in found:
        s, e = m.span(1)
        if SELF.fullmatch(m.group(1)):
            continue
        _, b = sentence_at(text, s, e)
        # what X is made into must be what the question says it is made into (the noun asked, a sure sign)
        bonus = (1.0 if asked else 2.5) + 3.0 * _overlap(rest, text[m.end() : b][:40]) / (ctx.total or 1)
        out.append(_span_candidate(ctx, pi, text, s, e, bonus))
    return out


def clause_candidates(ctx: Context, pi: int, text: str) -> list[Candidate]:
    """Whole clauses, the fallback answer: the stating clause when no tight span is certain."""
    out = []
    for s, e in clauses(text):
        value = text[s:e].strip()
        if len(value) < 4 or _repeats(ctx, value) > 0.9 or in_heading(text, s):
            continue
        s += len(text[s:e]) - len(text[s:e].lstrip())
        cover, sim, score = _support(ctx, pi, text, s, s + len(value))
        score += _overlap(ctx.terms, value) / (ctx.total or 1)
        # a name the question does not already hold (神舟六号, C919) marks the stating clause
        novel = [w for w in _names_in(value) if w not in ctx.question]
        score += 0.5 if novel else 0.0
        if ctx.verb and ctx.verb in value:  # 做到什么程度: the clause that 做到 leads states the degree
            score += 0.5
        if ctx.kind.name == "means":  # 委托第三方…开展危废管家服务 states how; 成本下降52% what came of it
            score += 0.5 if MEANS.search(value) else -0.5 if find_figures(value) else 0.0
            score += 0.5 if MEANS_NAMED.search(value) else 0.0
            # …开展危废管家服务,解决全县…难题: the clause before the one that says what it solved
            score += 1.0 if SOLVED.match(text, s + len(value)) else -1.0 if SOLVED.match("," + value) else 0.0
        if ITEM_LEAD.match(value):
            score -= 0.5  # 六是落实…出庭应诉制度: the topic a paragraph opens with, not what it then states
        if FRAMING.fullmatch(value) and _framed(text, s + len(value)):
            score -= 2.0  # 发现存在涉嫌…犯罪行为的, asked 咋处理的: the clause it frames answers
        if ctx.kind.name == "manner" and _repeats(ctx, value) > 0.5:
            score -= 2.0  # 任务完成得怎么样: 已经超额完成 says how, not the clause naming the task
        elif not (novel or _new_numbers(ctx, value)) and _quoted_share(ctx.question, value) >= QUOTED_CLAUSE:
            score -= 2.0  # 在总结辽宁省…试点的基础上，…扩大到哪里: the question's own clause answers nothing
        conf = CLAUSE_ONLY * _confidence(cover, sim, bool(ctx.sims))
        body = ctx.heads and BODY_END.search(ctx.heads[0]) and not ctx.heads[0].endswith("网站")  # (no body)
        if body and not any(h[-1] in value for h in ctx.heads):
            conf -= UNPLANNED  # 哪个律所: 继续聘任法律顾问 names no 所, so it does not state which
        out.append(Candidate(pi, s, s + len(value), value, score, conf, clause=True))
    return out


def _framed(text: str, end: int) -> bool:
    """Whether the clause ending at ``end`` goes on in its sentence (a comma after it): only then does it
    frame what follows rather than state it."""
    return end < len(text) and text[end] in "，,"


def _trim_first(first: str, others: list[str], question: str = "") -> str:
    """Drop the words that lead into a list from its first item (大力发展科技金融 → 科技金融); a verb
    that puts the items in place ends the lead-in after its subject when the question says it too
    (全市生态环境系统落实行政执法公示、… asked 落实的三项制度)."""
    put = [m.end() for m in re.finditer(_PUT + "了?", first) if m.start() and m.group()[:2] in question]
    if put and len(first) - put[-1] >= 2:  # (a subject before it: not a task led by its own verb)
        return first[put[-1] :]
    # the word the question puts before its question word leads in (深化哪些领域的改革: 深化电力、油气 →
    # 电力; 集中整治哪些问题: 集中整治乱收费 → 乱收费), whatever jieba tags it (深化 j, 整治 n); what still
    # leads in is cut below (提高哪几种执法水平: 提高环保队伍严格执法 → 环保队伍严格执法 → 严格执法)
    said = _list_lead(question)
    at = first.rfind(said) if said else -1
    cut = at >= 0 and len(first) - at - len(said) >= 2
    if cut:
        first = first[at + len(said) :]
    lead_in = [(w.word, w.flag) for w in tagged(first)]
    if lead_in and lead_in[0][1] == "p":  # 对农民实行粮食直补: a preposition's object, then the verb
        k = next((i for i, (_, f) in enumerate(lead_in[1:], 1) if not f.startswith(("n", "r"))), 0)
        if k > 1 and lead_in[k][1] == "v" and k + 1 < len(lead_in):
            first = "".join(w for w, _ in lead_in[k + 1 :])
    first = LEAD.sub("", first) or first
    verb = _lead_verb(first)
    if verb and not any(_verb_led(o) for o in others) and len(first) - verb <= ITEM_MAX:
        # 全面实行投资项目法人责任制、招标投标制: the verb that puts the items in place leads in, and the
        # first item is all that follows it, however much longer than the others it is (short of no item)
        return first[verb:]
    lengths = {len(o) for o in others}
    one_shape = len(others) > 1 and len(lengths) == 1 and all(first[-1] == o[-1] for o in others)
    if one_shape and len(first) > min(lengths):
        return first[-min(lengths) :]  # items of one shape (绿色金融、普惠金融): the first has it too
    shortest = min(len(o) for o in others)
    words = [(w.word, w.flag) for w in tagged(first)]
    lead = next((i for i, (_, f) in enumerate(words) if f[:1] not in {"a", "d"}), len(words))
    if lead < len(words) - 1 and words[lead][1] == "v" and not any(_verb_led(o) for o in others):
        # names listed after a verb (成功举办中国－中亚峰会、第三届…论坛): the verb leads into the list,
        # unless every item is a task led by its own verb (加强…、推进…) or the rest names nothing
        rest = "".join(w for w, _ in words[lead + 1 :])
        if _names_in(rest):
            first, words = rest, words[lead + 1 :]
    owned = first.rsplit("的", 1)[-1]
    # (not when the other items have a 的 of their own: 显著的制度优势、超大规模市场的需求优势)
    if owned != first and 0 < len(owned) <= max(lengths) + 1 and not any("的" in o for o in others):
        # 把握好调控的方向、重点、时机和力度: what leads up to 的 qualifies every item, and a verb cut
        # off by word (把握 | 好调控) would leave half of a word in front of the first one
        return owned
    if cut:  # the question's word ended the lead-in: a word jieba tags d (高速宽带) is the item's own
        return first
    i = verbs = 0  # on the words as cut once: a re-cut of 在打好… splits 打好
    while i < len(words) - 1 and sum(len(w) for w, _ in words[i:]) > shortest + 1:
        if words[i][1][:1] not in {"d", "p", "c", "r", "v"}:
            break
        if words[i][1].startswith("v"):
            if verbs:
                break
            verbs += 1
        i += 1
    rest = "".join(w for w, _ in words[i:])
    return LEAD.sub("", rest) or rest


@lru_cache(maxsize=256)
def _list_lead(question: str) -> str:
    """The word a list question puts right before its question word (深化哪些领域 → 深化), if of two
    characters or more; once per question, not per list candidate."""
    asked = LIST_ASKED.search(question)
    said = jieba.lcut(question[: asked.start()].rstrip("了的"))[-1:] if asked else []
    return said[0] if said and len(said[0]) >= 2 else ""


def _lead_verb(first: str) -> int:
    """Where the first item starts after the verbs that put a list in place (全面实行…, 启动…, 全面启动
    和组织实施…) near its head, or 0. Why a closed set: jieba tags 全面 a noun, 启动 a verbal noun and
    大力发展 a proper noun, so part of speech cannot find the lead-in; these verbs never start a name."""
    m = LIST_LEAD.match(first)
    return m.end() if m and len(first) - m.end() >= 2 else 0


def _verb_led(item: str) -> bool:
    """Whether an item starts with a verb (加强执法监管), as tasks in a list do."""
    first = next(iter(tagged(item)), None)
    return first is not None and first.flag.startswith("v") and first.flag != "vn"


def _trim_last(last: str, others: list[str], asked: str = "") -> str:
    """Cut what follows a list's last item (平顶山签订了…, 污染防治的攻坚战, 数字金融等); the noun the
    question asks for ends it where the last item carries it for all (…、第二批山水林田湖生态保护工程
    试点，完成… asked 哪些生态保护工程试点)."""
    counted = ITEM_COUNT.search(last)
    if counted and counted.start() >= 2 and cn_number(counted.group()[:-1].rstrip("方")) == len(others) + 1:
        return last[: counted.start()]  # …、重大行政执法决定法制审核三项制度: the items' count ends the last
    if (at := last.find("等")) > 0 and "的" not in last[:at] and at <= 3 * max(len(o) for o in others):
        return last[:at]  # …、污染防治攻坚战开展情况等业务信息: 等 closes the last item, whole
    ends = {o[-2:] for o in others}
    alike = len(others) >= 2 and len(ends) == 1
    if alike and 0 < (at := last.find(next(iter(ends)), 1)) <= max(len(o) for o in others):
        # items that all end alike (数字消费、绿色消费、健康消费促进政策; …需求优势、…众多的人才优势): the
        # last ends there too, past a 的 of its own
        return last[: at + 2]
    last = re.split(r"等|的", last)[0] or last
    if asked and (at := last.find(asked)) > 0 and not COUNTED_BY.search(last[:at]):
        return last[: at + len(asked)]  # not 禁止开发四类主体功能区: a count after the list ends it
    longest = max(len(o) for o in others)
    if len(last) > longest + 1:
        kept = ""
        words = list(tagged(last))
        for i, w in enumerate(words):
            # a one-character "verb" right after a noun is its suffix (污水处理站: jieba tags 站 a verb),
            # a bound morpheme (扬 vg in 扬尘) is part of a word jieba did not join, and verbal nouns before
            # a noun are part of a compound (国际合作高峰论坛, 药品生产流通体制): none of them ends the item
            one = len(w.word) == 1 and (w.flag == "v" or w.flag.endswith("g"))
            after = next((x.flag for x in words[i + 1 :] if x.flag != "vn"), "")
            compound = w.flag == "vn" and after.startswith("n")
            count = w.flag == "m" and ITEM_COUNT.fullmatch(w.word)  # …体制三项改革: the items counted
            if kept and (w.flag[:1] in {"v", "p", "u", "c", "d"} and not one and not compound or count):
                break
            kept += w.word
        last = kept
    return last


def _after_opening(part: str) -> str:
    """What follows the last quote, bracket or colon that opens in ``part`` and does not close there:
    the list's first item (采取“退耕还林（草） → 退耕还林（草）: its own bracket closes)."""
    for i in range(len(part) - 1, -1, -1):
        closer = {"“": "”", "（": "）", "(": ")", "：": "", ":": ""}.get(part[i])
        if closer is not None and not (closer and closer in part[i + 1 :]):
            return part[i + 1 :]
    return part


def list_candidates(ctx: Context, pi: int, text: str, asked: int | None) -> list[Candidate]:
    """Every item of a list as the text gives it: items joined by 、 (and 和/及 before the last), or
    numbered items (一是…；二是…, （一）…, 1.…) with the first clause of each."""
    out = []
    for s, e, closed in (seg for a, b in clauses(text) for seg in _list_segments(text, a, b)):
        if in_heading(text, s):
            continue
        clause = text[s:e]
        parts = re.split(r"、", clause)
        if len(parts) >= 2:
            closing = re.search(r"[）)]" if "“" in parts[-1] else r"[）)”]", parts[-1])
            if closing and re.search(r"[（(][^（()）]{1,4}$", parts[-1][: closing.start()]):
                closing = None  # 修正案（草案）等7部: the item's own short bracket, not one closing the list
            last_raw = parts[-1][: closing.start()] if closing else parts[-1]  # (…、…和…）落地
            tail = re.split(r"(?:和|及|以及|与)", last_raw, maxsplit=1)
            # two items need a conjunction, a closing 等 (A、B等5部), two asked for, or the question's
            # words said of them (执法大队、办公室为普法主体 asked 普法主体是哪些部门)
            said = re.search(r"(?:为|是|作为)([\u4e00-\u9fff]{2,12})", last_raw)
            of_them = said is not None and _overlap(ctx.terms, said.group(1)) >= max(
                ctx.terms.values(), default=1
            )
            # …or both ending in the noun the question ends on (…引导基金、中小企业发展基金 asked 哪些基金？)
            ending = parts[0][-2:]
            alike = ending in last_raw and re.search(
                rf"哪些[^，,？?]*{re.escape(ending)}[？?，,]", ctx.question
            )
            if (
                len(parts) == 2
                and len(tail) < 2
                and asked != 2
                and "等" not in last_raw
                and not of_them
                and not alike
            ):
                continue
            first = _after_opening(parts[0]).strip('“”"')  # 三线一单”（生态保护红线 → 生态保护红线
            mid = [p.strip('“”" ') for p in parts[1:-1]]
            longest = max((len(p) for p in mid), default=0)
            alike = {p[-2:] for p in mid} == {tail[0][-2:]}  # 良种补贴、农机具购置补贴和…综合补贴
            joined = (
                len(tail) == 2
                and tail[0]
                and tail[1]
                and (len(parts) == 2 or len(tail[0]) <= longest + 2 or alike)
            )
            last_parts = [t.strip('“”" ') for t in tail] if joined else [last_raw.strip('“”" ')]
            # a bracket or quote that closes the list ends its last item; else its trailing words are cut
            last = last_parts[-1]
            if not (closing or closed):
                last = _trim_last(last, [first, *mid], _asked_phrase(ctx.question))
            first = _trim_first(first, [*mid, *last_parts[:-1], last], ctx.question)
            items = [first, *mid, *last_parts[:-1], last]
            items = [i for i in items if i]
            if len(items) < 3 and len(parts) > 2:
                continue
            if any(len(i) > ITEM_MAX for i in items):
                continue
            value = "、".join(items)
            start = s + clause.find(items[0])
            end = s + clause.rfind(items[-1]) + len(items[-1])
            if start < end <= start + len(value) + 2 * len(items):  # as printed (…、资源利用上线和环境准入…)
                marks = re.findall(r"[“”]", text[start:end])
                if marks and marks[0] == "”" and text[start - 1 : start] == "“":
                    start -= 1  # “天问一号”、“嫦娥五号”: the first item's quote opens with it
                if marks and marks[-1] == "“" and text[end : end + 1] == "”":
                    end += 1  # …、“汽车、摩托车下乡”: the last item's quote closes with it
                value = text[start:end]
            else:
                end = start + len(value) if text[start : start + len(value)] == value else s + len(clause)
        else:
            continue
        out.append(_list_candidate(ctx, pi, text, items, (start, end), (s, s + len(clause)), asked, value))
    for s, e in sentences(text):
        # clauses listed after a lead-in (主要是粮食供求关系趋紧，固定资产投资膨胀，…，煤电油运紧张):
        # each clause an item, so a list of states or tasks is found as well as one of nouns
        m = LIST_INTRO.search(text, s, e)
        if not m:
            continue
        body = text[m.end() : e].rstrip(SENTENCE_END + " \n")
        items = [p.strip() for p in re.split(r"[，,；;]", body)]
        if len(items) >= 3 and all(2 <= len(i) <= 16 for i in items):
            span = (m.end(), m.end() + len(body))
            out.append(_list_candidate(ctx, pi, text, items, span, (s, e), asked, "，".join(items)))
    for m in TITLE_RUN.finditer(text):  # 《…查封、扣押办法》《…按日连续处罚办法》, “…”“…”: side by side
        if not in_heading(text, m.start()):
            items = re.findall(r"《[^《》]+》|“[^“”]+”", m.group())
            out.append(
                _list_candidate(ctx, pi, text, items, m.span(), _clause_of(text, *m.span()), asked, m.group())
            )
    if ctx.marker:
        out += _marked_runs(ctx, pi, text, asked)
    if asked == 2:
        out += _pair_candidates(ctx, pi, text)
    if asked:
        out += _summed_up(ctx, pi, text, asked)
    numbered = [m.end() for m in NUMBERED.finditer(text)]
    if len(numbered) >= 2:
        items = []
        for a in numbered:
            _, b = _clause_of(text, a, a)
            items.append(text[a:b].strip())
        if all(0 < len(i) <= 40 for i in items):
            value = "；".join(items)
            cover, sim, score = _support(ctx, pi, text, numbered[0], numbered[-1])
            score += 0.5 + (1.0 if asked == len(items) else 0.0)
            out.append(
                Candidate(
                    pi,
                    numbered[0],
                    numbered[0] + len(items[0]),
                    value,
                    score,
                    _confidence(cover, sim, bool(ctx.sims)),
                )
            )
    return out


def _summed_up(ctx: Context, pi: int, text: str, asked: int) -> list[Candidate]:
    """The items right before a quoted count term the question quotes (做到执法人员和执法业务“两个全覆盖”
    asked 哪“两个全覆盖”): as many nouns as the term counts, joined by 、 and 和/及."""
    out: list[Candidate] = []
    if asked < 2:
        return out
    for q in QUOTED.finditer(ctx.question):
        term = q.group()[1:-1]
        for m in re.finditer(re.escape(term), text):
            a, _ = _clause_of(text, m.start(), m.end())
            end = m.start() - (text[m.start() - 1 : m.start()] in '“"')
            parts = re.split(r"、|和|及", text[a:end])
            if len(parts) < asked or not all(parts[-asked:]):
                continue
            first_end = end - sum(map(len, parts[-asked + 1 :])) - (asked - 1)
            start = _noun_phrase_before(text, first_end, max(a, first_end - 16))
            if start == first_end:
                continue
            cover, sim, score = _support(ctx, pi, text, start, end)
            score += 1.0 + _overlap(ctx.terms, text[a:end]) / (ctx.total or 1)
            out.append(
                Candidate(pi, start, end, text[start:end], score, _confidence(cover, sim, bool(ctx.sims)))
            )
    return out


def _marked_runs(ctx: Context, pi: int, text: str, asked: int | None) -> list[Candidate]:
    """Runs of short items that each open with the word the question quotes (哪几个“同” → 同部署,同推进,
    同督促), joined by 、 or a comma: the quote names the items by what they share, so such a run is
    the list asked, however its items are joined. The first item may follow its verb (做到有谋划), the
    last is cut to the others' length (有落实的工作格局 → 有落实)."""
    out = []
    for a, b in sentences(text):
        segments = [(m.start(), m.end()) for m in re.finditer(r"[^、，,；;。]+", text[a:b])]
        run: list[tuple[int, int]] = []
        for s, e in [*segments, (0, 0)]:
            piece = text[a + s : a + e]
            if run and piece.startswith(ctx.marker) and e - s <= 8:
                run.append((a + s, a + e))  # the next item
                continue
            if len(run) >= 2:
                size = max(e0 - s0 for s0, e0 in run[:-1])
                run[-1] = (run[-1][0], min(run[-1][1], run[-1][0] + size + 1))
                items = [text[s0:e0] for s0, e0 in run]
                found = _list_candidate(ctx, pi, text, items, (run[0][0], run[-1][1]), (a, b), asked)
                found = replace(found, text=text[run[0][0] : run[-1][1]], score=found.score + 3.0)
                out.append(replace(found, confidence=max(found.confidence, 0.9)))
            at = piece.rfind(ctx.marker)  # a first item, after its verb (做到有谋划)
            run = (
                [(a + s + at, a + e)]
                if 0 <= at and e - s - at <= 8 and at + len(ctx.marker) < len(piece)
                else []
            )
    return out


def _pair_candidates(ctx: Context, pi: int, text: str) -> list[Candidate]:
    """Two of the asked thing joined by 和/及/与 (哪两部法律 → 就业促进法和劳动合同法, 哪两家交易所 →
    北京证券交易所和广州期货交易所): both names end in the asked noun's head (法 of 法律, 所 of 交易所)."""
    tails = {h[-1] for h in ctx.heads} | {h[-2] for h in ctx.heads if len(h) > 1}
    if not tails:
        return []
    out = []
    for m in re.finditer(r"以及|和|及|与", text):
        if text[m.start() - 1 : m.start()] not in tails:
            continue
        right = re.match(
            rf"[^，,。；;、：:\s]{{1,20}}?[{''.join(tails)}](?![\u4e00-\u9fff]{{0,1}}[{''.join(tails)}])",
            text[m.end() :],
        )
        if not right:
            continue
        # the first name starts at the word boundary that makes it as long as the second (就业促进法 against
        # 劳动合同法: jieba reads 就业 as a verb, so a noun phrase would lose it)
        a = max(_clause_of(text, m.start(), m.start())[0], m.start() - 20)
        starts, at = [], m.start()
        for w in reversed(jieba.lcut(text[a : m.start()])):
            at -= len(w)
            starts.append(at)
        start = min(starts, key=lambda s0: (abs(m.start() - s0 - right.end()), -s0))
        end = m.end() + right.end()
        items = [text[start : m.start()], right.group()]
        if all(len(i) >= 2 for i in items):
            out.append(
                _list_candidate(
                    ctx, pi, text, items, (start, end), _clause_of(text, start, end), 2, text[start:end]
                )
            )
    return out


# the words a count question asks about, right before 是多少/有几 (…中，人大建议有几件 → 人大建议)
ASKED_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,}?)(?:的)?(?:有|是|为|共|共有)?(?:多少|几)")
# between labelled figures of one run (not a whole and its parts: 527家,其中一般…)
LABEL_JOINER = re.compile(r"[、，,；;]\s*(?!其中)[\u4e00-\u9fff]{1,12}")
RUN_JOINER = re.compile(r"\s*(?:[、，,]|和|及|与|以及)\s*")  # between the figures of one run
RUN_BREAK = re.compile(r"[，,。；;：:\n\d]")  # what may not stand between 分别 and its run's first figure
ITEM_JOINERS = {"、", "和", "与", "及", "以及"}
ITEM_MAX = 24  # characters of a list item at most: a longer one is a sentence cut at 、
LIST_ASKED = re.compile(r"哪些|哪几|哪[二三四五六七八九十两\d]|什么")  # where a list question asks its items
ITEM_COUNT = re.compile(r"[两三四五六七八九十]+(?:[项个类种条大]|方面)")  # 三项 after a list counts its items
BRACKET_LIST = re.compile(r"[（(]([^（）()]*、[^（）()]*)[）)]")


def _list_segments(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """A clause cut around the lists it brackets: 3家重点企业（A、B、C）及2家一般企业D、E均… holds two lists,
    which read as one would run together (C）及2家一般企业D). ``closed``: the bracket ends the list's
    last item, so nothing is trimmed from it."""
    out, at = [], s
    for m in BRACKET_LIST.finditer(text, s, e):
        out += [(at, m.start(), False), (*m.span(1), True)]
        at = m.end()
    out.append((at, e, False))
    return [(a, b, closed) for a, b, closed in out if b > a]


def figure_run_candidates(ctx: Context, pi: int, text: str, asked: int | None) -> list[Candidate]:
    """Runs of figures joined only by 、，和 (分别为774亿元、536亿元、138亿元和123亿元): the answer to a
    question asking several at once, as printed."""
    out = []
    runs: list[list[Figure]] = []
    labelled: list[list[Figure]] = []  # 一般风险等级494家,较大风险等级26家,…: one unit, each figure its label
    for f in find_figures(text):
        if f.kind in ("year", "date"):
            continue
        if runs and RUN_JOINER.fullmatch(text[runs[-1][-1].end : f.start]):
            runs[-1].append(f)
        else:
            runs.append([f])
        last = labelled[-1][-1] if labelled else None
        if last is not None and last.unit == f.unit and LABEL_JOINER.fullmatch(text[last.end : f.start]):
            labelled[-1].append(f)
        else:
            labelled.append([f])
    # (a run joined only by 、，和 holds no label, so no run is in both lists)
    for run, labels in [(r, False) for r in runs] + [(r, True) for r in labelled]:
        if len(run) < 2:
            continue
        start, end = run[0].start, run[-1].end
        if labels:  # from the first figure's own label (其中一般风险等级494家 → 一般风险等级…)
            label = re.search(r"[\u4e00-\u9fff]{1,12}$", text[_clause_of(text, start, end)[0] : start])
            start -= len(label.group().removeprefix("其中")) if label else 0
        bonus = 1.0 + (1.0 if "分别" in text[max(0, start - 8) : start] else 0.0)
        if asked:
            bonus += 1.0 if len(run) == asked else -0.5
        out.append(_span_candidate(ctx, pi, text, start, end, bonus))
    return out


def _list_candidate(
    ctx: Context,
    pi: int,
    text: str,
    items: list[str],
    span: tuple[int, int],
    clause: tuple[int, int],
    asked: int | None,
    value: str | None = None,
) -> Candidate:
    """A list found in ``clause`` at ``span``, scored by the question's words around it and the
    count asked."""
    start, end = span
    cover, sim, score = _support(ctx, pi, text, start, end)
    score += 1.0 + _overlap(ctx.terms, text[slice(*clause)]) / (ctx.total or 1)
    # the noun the list is of, right after it (…、污染防治的攻坚战) or leading into it (三大攻坚战：…)
    near = text[end : min(clause[1], end + 8)] + text[max(0, start - 10) : start]
    score += min(1.0, _overlap(ctx.terms, near) / max(ctx.terms.values(), default=1.0))
    if ctx.heads and _noun_after(text[end : min(clause[1], end + 10)]).endswith(ctx.heads):
        score += 1.0  # 哪些节日: …国际生物多样性日等重大节日, the very noun asked after the list
    if asked:
        score += 1.0 if len(items) == asked else -0.5
    conf = _confidence(cover, sim, bool(ctx.sims))
    if ctx.initials:  # “三去一降一补” names the items by their first characters: a sure match
        fits = ctx.initials in (_runs(items), _runs([i[::-1] for i in items]))  # 红线…清单: 三线一单
        score += 3.0 if fits else -0.5
        conf = max(conf, 0.9) if fits else conf
    return Candidate(pi, start, end, value or "、".join(items), score, conf)


def _asked_phrase(question: str) -> str:
    """The words after 哪些/哪几 to the end of the clause, its count left out (哪三个污染防治“十条” →
    污染防治“十条”), when they are long enough to be looked for verbatim in a list; else ""."""
    m = HEAD.search(question)
    phrase = COUNT_LEAD.sub("", re.split(r"[？?，,。]", m.group(1))[0]) if m else ""
    return phrase if len(phrase) >= 4 else ""


@lru_cache(maxsize=4096)
def _noun_after(text: str) -> str:
    """The words that follow a list up to the first verb, preposition or punctuation, particles left out
    (等重大节日为契机 → 重大节日; 等新的消费增长点 → 新消费增长点): the noun it is a list of ends them."""
    phrase = ""
    for w in tagged(text):
        if w.flag[:1] == "u":
            continue
        if w.flag[:1] in {"v", "p", "c", "d", "x"} and w.flag != "vn":
            break
        phrase += w.word
    return phrase


def fixed_candidates(ctx: Context, pi: int, text: str, finder: str) -> list[Candidate]:
    """Spans with a fixed shape: document numbers, ranks, dates, years, year ranges."""
    if finder in ("docnum", "ordinal", "frequency", "level"):
        pattern = {"docnum": DOCNUM, "ordinal": ORDINAL, "frequency": FREQUENCY, "level": LEVEL}[finder]
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    elif finder == "role":
        found = (p.finditer(text) for role in ctx.roles for p in _holder_patterns(role))
        spans = [m.span(1) for ms in found for m in ms]
        spans += [span for role in ctx.roles for span in _named_holders(text, role)]
    else:
        figures = [f for f in find_figures(text) if f.kind == ("date" if finder == "date" else "year")]
        spans = [(f.start, f.end) for f in figures if finder != "range" or f.high is not None]
    out = []
    for s, e in spans:
        if text[s:e] in ctx.question:
            continue  # 拿了二等奖的…是第几届: the question's own 二等奖 is not what it asks
        if finder == "year" and text[s:e][:4] in re.findall(r"(?:19|20)\d{2}", ctx.question):
            continue  # the 2015 report … of which year: the year the question names is not asked
        cover, sim, score = _support(ctx, pi, text, s, e)
        a, b = _clause_of(text, s, e)
        # 以局长为组长, 每周召开班子会议: what the span is said of follows it
        near = text[a:b] if finder in ("role", "frequency") else text[max(a, s - 25) : s]
        score += 3 * _overlap(ctx.terms, near) / (ctx.total or 1)
        if finder == "ordinal" and MOVED_TO.search(text[a:s]):  # 由第五位上升到第四位: where it went
            score += -0.5 if ORIGIN_ASKED.search(ctx.question) else 0.5
        if finder == "ordinal" and text[s] == "全" and (scope := _rank_scope(ctx.question)):
            score += 1.0 if text[s + 1] == scope else -1.0  # 在温州市里排第几: 全市第一, not 全省第二
        if finder == "ordinal" and (asked := re.search(rf"第几\s*([{RANK_UNITS}])", ctx.question)):
            score += 1.0 if text[s:e].endswith(asked.group(1)) else -1.0  # 第几批: 第八批, not 第三(方)
        if finder == "role":
            score += 2.0  # the text's own frame says this holds the role asked: a tight span, not a clause
        out.append(Candidate(pi, s, e, text[s:e].strip(), score, _confidence(cover, sim, bool(ctx.sims))))
    return out


def _rank_scope(question: str) -> str:
    """The area a rank is asked within, as the character a report's 全X第N writes it (省, 市, 国…)."""
    if m := RANK_SCOPE.search(question):
        return m.group(1)
    m = EN_RANK_SCOPE.search(question)
    return EN_SCOPES[m.group(1).lower()] if m else ""


@lru_cache(maxsize=64)
def _holder_patterns(role: str) -> tuple[re.Pattern, ...]:
    """Where a report names who holds ``role``: 以书记(局长)为组长, 组长由局长担任, 局主要负责人作为…组长,
    and the roles listed after it (…，分管副局长为副组长)."""
    r = re.escape(role)
    holder = r"([^，,。；;、：:]{2,12}?)"
    return (
        re.compile(rf"以{holder}(?:为|任){r}"),
        re.compile(rf"{r}由{holder}(?:担任|兼任)"),
        re.compile(rf"(?<![以由]){holder}(?:担任|兼任|作为)[^，,。；;]{{0,16}}?{r}"),
        re.compile(rf"(?<=[，,、]){holder}(?:为|任){r}"),  # …为组长，分管副局长为副组长
    )


COUNTED_AFTER = re.compile(
    r"(?:多少|几)(?:人次|户次|[起件家次个名位人例项份条场套户台辆篇期批座所部本张艘架处])([\u4e00-\u9fff]{2,12})"
)
# the words after what a question asks the figure of (…收入增长的预期目标是多少, …收入达到多少)
ASKED_TAIL = frozenset(
    "目标 预期 预期目标 指标 增长 增速 增幅 达到 提高 降低 下降 减少 增加 的 要 将 为 是".split()
)
NOT_COUNTED = {"目标", "数量", "数字", "总数", "人数", "件数", "次数", "金额", "规模", "比例", "比重"}


@lru_cache(maxsize=256)
def _counted_act(question: str) -> tuple[str, ...]:
    """The act a count question counts, in the words a report would use: the verb before 多少 (受理了多少件 →
    受理), the Chinese senses of an English participle (how many were abolished → 取消 废止 废除). Of several
    figures in one sentence the one right after that act is asked (共接举报564件,受理317件; 清理…2300件，废止
    830件)."""
    if m := ZH_COUNTED_ACT.search(question):
        words = tagged(m.group(1))
        last = words[-1] if words else None
        return (last.word,) if last is not None and last.flag == "v" and len(last.word) > 1 else ()
    m = EN_COUNTED_ACT.search(question)
    return tuple(t for t, _ in translate.translate(m.group(1))) if m else ()


def _asked_clause(question: str) -> str:
    """The clause of the question that holds its question word (…，国家财政每年一共要安排多少支出); the
    clauses before it set the occasion (全部取消农业税以后). The whole question when no one clause does."""
    parts = [p for p in re.split(r"[，,；;]", question) if QUESTION_WORD.search(p)]
    return parts[-1] if len(parts) == 1 else question


@lru_cache(maxsize=256)
def _counted_asked(question: str) -> str:
    """The first word of what a Chinese count question counts (收到政协提案多少件 → 政协提案, 办理了多少件行政
    复议案件 → 行政复议): its most specific word, which a sentence that answers names; for a figure of
    something that grows or is aimed at, the word before (…可支配收入增长的预期目标 → 收入, 城镇新增就业目标 →
    就业); "" when the question names no such word."""
    if not CJK.search(question):
        return ""
    if m := COUNTED_AFTER.search(question):
        words = list(tagged(m.group(1)))
    elif m := ASKED_SUBJECT.search(question):
        words = list(tagged(m.group(1)))
        end = len(words)
        while end and words[end - 1].word in ASKED_TAIL:  # …可支配收入增长的预期目标: what grows is asked
            end -= 1
        if end < len(words):  # what grows or is aimed at: the last word before (收入, 就业, 生产总值)
            last = words[end - 1].word if end else ""
            return last if len(last) > 1 and CJK.match(last) and last not in NOT_COUNTED else ""
        k = end
        if k > 1 and words[k - 1].flag == "v" and words[k - 2].flag.startswith(("n", "j")):
            k -= 1  # 政协委员提案几件: a noun jieba tags as a verb (提案) after a noun is what is counted
        while k and words[k - 1].flag.startswith(("n", "vn", "j", "l")):
            k -= 1
        words = words[k:]
    else:
        return ""
    first = words[0] if words and words[0].flag.startswith(("n", "vn", "j", "l")) else None
    return first.word if first and len(first.word) > 1 and first.word not in NOT_COUNTED else ""


@lru_cache(maxsize=256)
def _identifiers(question: str) -> tuple[str, ...]:
    """Numbers that name one thing among several in a name question (第168号, No. 306), not years."""
    found = re.findall(r"第\s*(\d+)\s*号|\bNo\.?\s*(\d+)\b", question, re.I)
    return tuple(a or b for a, b in found)


def _named_holders(text: str, role: str) -> list[tuple[int, int]]:
    """People named right before the role asked, as titles follow names (年初黄润秋部长暗访调研 → 黄润秋):
    a surname and one or two given characters that start where a word starts (分管副局长 names no 管副)."""
    out = []
    for m in re.finditer(re.escape(role), text):
        a = max(0, m.start() - 8)
        starts, at = set(), a
        for w in jieba.lcut(text[a : m.start()]):
            starts.add(at)
            at += len(w)
        for n in (3, 2, 4):
            s = m.start() - n
            name = text[max(s, 0) : m.start()]
            surname = name[:2] in COMPOUND_SURNAMES if n == 4 else name[:1] in SURNAMES
            if s >= a and s in starts and surname and CJK.fullmatch(name[-1]) and len(CJK.findall(name)) == n:
                out.append((s, m.start()))
                break
    return out


def _asked_count(question: str) -> int | None:
    # (除了那三家…，还有哪两家: the count after 哪 is asked, the one before is set aside)
    found = list(ASKED_COUNT.finditer(question))
    m = next((f for f in found if f.group().startswith("哪")), found[0] if found else None)
    if not m:
        return None
    if m.group(1):
        value = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
        return int(value) if value else None
    return EN_NUMBERS[m.group(2).lower()]


def _heads(question: str) -> tuple[str, ...]:
    """The noun a name question asks for (see ``HEAD``); for English, its translations, best first."""
    # (那家环保科技公司，全名叫什么: the noun before the comma is what is called)
    if m := CALLED.search(re.sub(r"[，,]\s*(?=(?:全名|全称|名字|名称)?叫(?:什么|啥))", "", question)):
        words = list(tagged(m.group(1)))
        named = bool(m.group(2))
        while words and words[-1].word in ("全称", "名称", "名字", "全名", "的"):
            words, named = words[:-1], True  # 公众号名字叫什么, 企业全称叫什么: the 公众号, the 企业 is asked
        noun = ""
        if words and words[-1].flag.startswith("n") and len(words[-1].word) > 1:
            noun = words[-1].word[-6:]
        elif len(words) > 1 and len(words[-1].word) == 1 and words[-2].flag[:1] == "n":
            noun = words[-2].word + words[-1].word  # 律所: a noun jieba cut in two
        # a bare 叫什么 asks the name of a body (律所叫啥 → 君策律师事务所), 名字/全称 叫什么 that of the
        # noun before (公众号名字叫啥); a document, mechanism or project (文件全名叫啥, 机制叫什么) keeps
        # the titled or quoted name its clause holds
        if noun and (named and not DOCUMENT.search(noun) or BODY_END.search(noun) or noun in NAMED_AS):
            return (noun,)
    if not HEAD.search(question) and (m := TERSE_NAME.search(question)):
        words = list(tagged(m.group(1)))  # 移送公安 公司名: the noun before 名
        return (words[-1].word,) if words and words[-1].flag[:1] == "n" else ()
    # (…被命名为第四批的什么标兵，是哪个分局: the question word of the last clause is the one asked)
    if m := HEAD.search(re.split(r"[，,]\s*(?=[^，,]*(?:哪|什么))", question)[-1]):
        segment = re.split(r"[？?，,。]", m.group(1))[0]
        phrase = HEAD_STOP.split(segment)[0]
        # 哪个所请来的: the stop (来) falls inside a word (请来), so the noun ends where that word starts
        at = 0
        for w in tagged(segment):
            if at < len(phrase) < at + len(w.word):
                phrase = phrase[:at] or phrase
                break
            at += len(w.word)
        phrase = phrase.removesuffix("的")  # 网站公开的
        owner, _, owned = phrase.partition("的")
        # 哪个会议的要求 asks for the meeting (a noun owns what follows 的); 哪个试行…管理的自贸区 for
        # the zone (what leads up to 的 is a clause about it), 哪部关于动物疫情的行政法规 for the regulation
        clause = any((w.flag[:1] == "v" and w.flag != "vn") or w.flag == "p" for w in tagged(owner))
        if owned and (not clause or tagged(owner)[0].flag[:1] == "n"):
            phrase = owner  # (在哪个科加挂的牌子: a noun first is what the clause after it tells of)
        else:
            phrase = phrase.split("的")[-1] or phrase
        # 律师事务所担任法律顾问: the noun ends where a verb starts, not a verbal noun (三年行动)
        words = list(tagged(phrase))
        cut = next(
            (
                i
                for i, w in enumerate(words)
                # (哪家检察机关发给…: a body's noun ends it before a verb jieba reads as a noun, 发给)
                if i and w.flag[:1] == "v" and (w.flag != "vn" or words[i - 1].word.endswith(GENERIC_BODIES))
            ),
            len(words),
        )
        # 什么环境应急响应方案, 哪个国际协定生效: a document's name holds verbs (响应), its noun may read as
        # one (协定): the noun ends at the last document word, across words of two characters or more
        docs = [
            j + 1
            for j in range(cut, len(words))
            if DOCUMENT.fullmatch(words[j].word) and all(len(w.word) > 1 for w in words[cut : j + 1])
        ]
        cut = max(docs, default=cut)
        while cut > 1 and words[cut - 1].flag in TRAILING:  # 哪个网站公开: 公开 is read as an adverb here
            cut -= 1
        if len(phrase) > 2 or cut > 1:  # a two-character noun tagged alone may fall apart (律所: 律/所)
            phrase = "".join(w.word for w in words[:cut])
        if phrase in PERSON_ASKED:  # 由哪位领导担任组长: a person is asked, no name ending in 领导
            return ()
        return (phrase[-6:],) if phrase else ()
    named = EN_NAME_OF.search(question)  # the company's name, name the … company whose: a company
    if named or (m := EN_HEAD.search(question)):
        words = [next(g for g in named.groups() if g)] if named else m.group(1).split()
        said = re.search(rf"\b([a-z-]+ {words[0]})\b", question[: named.start()], re.I) if named else None
        if said and _compound(said.group(1)):
            words = said.group(1).split()  # an outside law practice … that practice: the law practice
        if len(words) > 2 and words[1] == "of" and words[0] in ("kind", "kinds", "type", "types", "sort"):
            words = words[2:]  # what kind of team: a team
        words = words[: words.index("of")] if "of" in words[1:] else words  # which branch of the … bureau
        found: list[str] = []
        for k in range(len(words)):  # the whole phrase first, then its shorter tails (world expo, expo)
            found += [t for t, _ in translate.translate(" ".join(words[k:])) if t not in found]
        # only nouns: "import expo" translates to 进口 too, a verb that heads no name
        return tuple(t for t in found if list(tagged(t))[-1].flag.startswith("n"))[:4]
    return ()


def _compound(phrase: str) -> bool:
    """Whether an English phrase means what none of its words does (law practice → 律师事务所), not a
    noun with its qualifier (environmental firm → 公司, the firm's own sense)."""
    senses = [t for t, _ in translate.translate(phrase)]
    alone = {t for w in phrase.split() for t, _ in translate.translate(w)}
    return bool(senses) and senses[0] not in alone


def _verb(question: str) -> str:
    """The verb just before the question word of a name question (设立了哪个 → 设立), else ''."""
    m = re.search(r"([\u4e00-\u9fff]{1,6}?)(?:了|的|的是|是)?(?:哪|什么)", question)
    if not m:
        return ""
    words = list(tagged(m.group(1)))
    return words[-1].word if words and words[-1].flag.startswith("v") and len(words[-1].word) > 1 else ""


def _marker(question: str) -> str:
    """The short quoted word a list question asks its items by (哪几个“同”, 哪些“专人”), else ''."""
    m = re.search(r"哪(?:几|些)个?[“\"]([\u4e00-\u9fff]{1,3})[”\"]", question)
    return m.group(1) if m else ""


def _initials(question: str) -> str:
    """The own characters of a quoted numbered abbreviation (“三去一降一补” → 去降补), else ''."""
    for m in QUOTED.finditer(question):
        inner = m.group()[1:-1]
        chars = [c for c in inner if c not in "一二两三四五六七八九十"]
        if len(chars) < len(inner) and len(chars) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in chars):
            return "".join(c for i, c in enumerate(chars) if i == 0 or c != chars[i - 1])
    return ""


def _runs(items: list[str]) -> str:
    """First characters of the items with repeats collapsed (去产能、去库存、降成本 → 去降)."""
    firsts = [i[0] for i in items if i]
    return "".join(c for i, c in enumerate(firsts) if i == 0 or c != firsts[i - 1])


def context(question: str, kind: Kind, terms: dict[str, float], sims: dict) -> Context:
    m = MEASURE.search(question)
    en = EN_MEASURE.search(question)
    m = m or COUNTED_NUMBER.search(question)
    measure = m.group(1) if m else EN_MEASURES[en.group(1).lower()] if en else None
    if measure is None and CASES_COUNTED.search(question):
        measure = "件"  # 行政复议申请有多少: cases, not the 2名 who handle them
    elif measure in ("场", "次", "回") and LAWSUIT.search(question):
        measure = "件"  # 官司打了几场, 被起诉几次: lawsuits, which reports count as cases (应诉案件2件)
    if measure is None and (IN_MONEY.search(question) or PRICE_ASKED.search(question)):
        measure = "元"  # what was the total value, in yuan: an amount, not its growth of 16.9%
    prefs = kind.figures
    if re.search(r"百分点|percentage points?", question, re.I):
        prefs = ("points",)
    elif CHANGE_ASKED.search(question) and not UNIT_ASKED.search(question):
        # 资金增长多少: 增加500亿元 or 增长43.4%, either answers; reports state a change in percent first
        prefs = ("percent", *(p for p in prefs if p != "percent"))
    return Context(
        question,
        kind,
        terms,
        _total(question, terms),
        measure,
        _heads(question),
        prefs,
        sims,
        verb=_verb(question),
        initials=_initials(question),
        marker=_marker(question),
        roles=_roles(question),
    )


def _total(question: str, terms: dict[str, float]) -> float:
    """The question's whole weight, against which the words around a span are measured. An English
    word's senses are alternatives (capacity → 容量, 潜力; bureau → 办公室, 局长): the word weighs what its
    heaviest sense weighs, not their sum, or a question of many-sensed words would never look covered
    by the passage that answers it."""
    if CJK.search(question):
        return sum(terms.values())
    grouped: set[str] = set()
    total = 0.0
    for senses in _sense_tokens(question):
        total += max(sum(terms.get(t, 0.0) for t in tokens) for tokens in senses)
        grouped.update(t for tokens in senses for t in tokens)
    return total + sum(w for t, w in terms.items() if t not in grouped)


@lru_cache(maxsize=256)
def _sense_tokens(question: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Per English word of the question, the keyword tokens of each of its senses."""
    return tuple(
        tuple(tuple(tokenize(term)) for term, _ in group) for group in translate.translate_words(question)
    )


def _roles(question: str) -> tuple[str, ...]:
    """The role a person question asks the holder of: the noun before 由谁/是谁 or after 谁担任
    (组长由谁担任, 谁担任组长 → 组长); in English, the leading verb's roles (who leads the group)."""
    if re.search(r"(?:谁|哪位|哪个领导)(?:来)?(?:挂帅|牵头|领头|带队|负总责|当头|领导)|头儿", question):
        return ("组长", "负责人", "主任")  # 谁挂帅: who leads, as the reports name the leader
    # (组长是什么职务, 组长由哪个领导担任: the role's holder asked by the office held)
    office = r"[是由为](?:什么|啥|哪个|哪一?级)(?:职务|职位|岗位|领导)"
    # (组长谁当的, 组长谁来当: the role named before 谁 and its verb)
    held = r"谁(?:来)?(?:当|担任|干)的?(?:[？?]|$)"
    if m := re.search(rf"([\u4e00-\u9fff]{{1,12}}?)(?:由谁|是谁|为谁|{office}|{held})", question):
        # the last word, whatever its tag (jieba calls 组长 a verb); 组长的是啥职务: not 的
        words = list(tagged(m.group(1).removesuffix("的")))
        return (words[-1].word,) if words and words[-1].flag[:1] not in "updcr" else ()
    if m := re.search(r"谁(?:担任|任|是|当)([\u4e00-\u9fff]{1,6})", question):
        return (m.group(1),)
    if m := re.search(r"哪位([\u4e00-\u9fff]{1,6})", question):  # 哪位部长 → 部长
        return (jieba.lcut(m.group(1))[0],)
    if EN_LEADS.search(question):
        return ("组长", "负责人", "主任")
    if m := EN_ROLE.search(question):  # which minister: the name before 部长
        return (EN_ROLES[m.group(1).lower()],)
    return ()


def _passage_candidates(
    ctx: Context, pi: int, text: str, asked: int | None, year: int | None = None
) -> list[Candidate]:
    """Candidates of every finder the question's kind names, in one passage."""
    out: list[Candidate] = []
    for finder in ctx.kind.finders:
        if finder == "figure":
            out += figure_candidates(ctx, pi, text, year)
        elif finder in ("title", "quoted", "named"):
            out += name_candidates(ctx, pi, text, finder)
        elif finder == "clause":
            out += clause_candidates(ctx, pi, text)
        elif finder == "disposal":
            out += disposal_candidates(ctx, pi, text)
        elif finder == "list":
            out += list_candidates(ctx, pi, text, asked)
        elif finder == "figures":
            out += figure_run_candidates(ctx, pi, text, asked)
        elif finder == "slot":
            out += slot_candidates(ctx, pi, text)
        else:
            out += fixed_candidates(ctx, pi, text, finder)
    return out


def candidates(ctx: Context, passages: list[Passage], top: int = 3) -> list[Candidate]:
    """Scored candidates of every finder the question's kind names, best first.

    A question that names its report (2006年报告说2005年…) retrieves the year before's report too, as
    the year is named twice; spans from a report other than the named one are scored lower, and so
    are spans under a heading that names other years than the one asked (一、2016年工作回顾 when 2017 is
    asked: its 全年城镇新增就业1314万人 is 2016's) unless their own sentence names the year asked."""
    out: list[Candidate] = []
    asked = _asked_count(ctx.question)
    year_asked = asked_year(ctx.question)
    m = REPORT_YEAR.search(ctx.question)
    named = int(m.group(1) or m.group(2)) if m else None
    if named not in {p.chunk.year for p in passages[:top]}:
        named = None
    besides = _besides(ctx)
    premise = _premise(ctx)
    for pi, p in enumerate(passages[:top]):
        found = _passage_candidates(ctx, pi, p.text, asked, p.chunk.year)
        if named is not None and p.chunk.year != named:
            found = [replace(c, score=c.score - 1.5) for c in found]
        headed = section_years(p.chunk.section, p.chunk.year)
        reviewed = headed and p.chunk.year and max(headed) < p.chunk.year and year_asked not in headed
        if reviewed and _target_asked(ctx.question):
            # a target asked: under a heading that reviews the years before (一、2013年工作回顾) a figure
            # is what was done, not what the report sets out (unless that year's target is asked, or
            # its own clause says it was one: 减少1/3行政审批事项的目标提前实现)
            found = [
                replace(c, confidence=c.confidence - UNPLANNED)
                if c.figure is not None and "目标" not in p.text[slice(*_clause_of(p.text, c.start, c.end))]
                else c
                for c in found
            ]
        other_year = year_asked is not None and p.chunk.year and year_asked != p.chunk.year
        if other_year and year_asked not in headed:
            # another year than the report's own is asked (丰泽2024年… of its 2023 report, which plans 2024):
            # a figure neither its sentence nor its heading dates to that year is the report's own year's
            found = [
                replace(c, confidence=c.confidence - UNDATED)
                if c.figure is not None and not _dated(p.text, c, year_asked, p.chunk.year)
                else c
                for c in found
            ]
        if year_asked is not None and headed and year_asked not in headed:
            found = [
                c
                if str(year_asked) in p.text[slice(*sentence_at(p.text, c.start, c.end))]
                else replace(c, score=c.score - 0.8)
                for c in found
            ]
        if besides:
            found = [replace(c, score=c.score + _after_besides(p.text, c, besides)) for c in found]
        if premise:
            found = [replace(c, score=c.score - 1.0) if _restates(p.text, c, premise) else c for c in found]
        out += found
    return sorted(out, key=lambda c: -c.score)


def _only_in(ctx: Context, phrase: re.Pattern) -> tuple[str, ...]:
    """The question's words that only the first group of ``phrase`` holds, none where it has no match."""
    m = phrase.search(ctx.question)
    if not m:
        return ()
    rest = ctx.question[: m.start()] + ctx.question[m.end() :]
    return tuple(t for t in ctx.terms if t in m.group(1) and t not in rest)


def _besides(ctx: Context) -> tuple[str, ...]:
    """The question's words only its 除了… phrase holds (除了规定审核时限，还建了个什么机制 → 规定, 时限):
    the thing it sets aside."""
    return _only_in(ctx, BESIDES)


def _premise(ctx: Context) -> tuple[str, ...]:
    """The question's words only its premise holds (…说坚决不搞“一刀切”执法，那… → 坚决, 一刀切, 执法)."""
    return _only_in(ctx, PREMISE)


def _restates(text: str, c: Candidate, premise: tuple[str, ...]) -> bool:
    """Whether a span's clause holds every word of the premise: it says what the asker already knows."""
    a, b = _clause_of(text, c.start, c.end)
    return all(t in text[a:b] for t in premise)


def _after_besides(text: str, c: Candidate, besides: tuple[str, ...]) -> float:
    """+1 for a span whose clause follows the one that states the thing set aside (规定法制审核时限,建立责任
    追究机制: the 还 of the question), -1 for a span in that clause itself."""
    a, _ = _clause_of(text, c.start, c.end)
    if all(t in text[a : c.start] for t in besides):
        return -1.0
    prev = text[between_stops(text, max(0, a - 2), max(0, a - 1), CLAUSE_STOPS)[0] : a]
    return 1.0 if all(t in prev for t in besides) else 0.0


def _dated(text: str, c: Candidate, year: int, report_year: int) -> bool:
    """Whether a figure's words date it to ``year``: written out in its sentence, or said relative to
    the report's year (去年, 过去五年) in it or in its paragraph's opening."""
    sentence = fold(text[slice(*sentence_at(text, c.start, c.end))])
    return str(year) in sentence or year in stated_years(text, c.figure, report_year)


def extract(
    question: str,
    info: QueryInfo,
    passages: list[Passage],
    documents: list[DocInfo],
    words: WordStats | None = None,
    embedder=None,
    top: int = 5,
    kind: Kind | None = None,
    keep: Callable[[Candidate], bool] | None = None,
) -> tuple[str, Candidate | None]:
    """The question's kind and its best span in the top passages (None when there is none); with
    ``keep``, a best span it rejects gives way to the first confident one it accepts, if any."""
    kind = kind or question_kind(question)
    if not kind.finders or not passages:
        return kind.name, None
    terms = question_terms(question, info, documents, words)
    if not terms and embedder is None:
        return kind.name, None
    # the model weighs only the clauses that hold the best candidates by words: a handful of short
    # texts to embed per question instead of every clause of the top passages
    shortlist = candidates(context(question, kind, terms, {}), passages, top)[:SHORTLIST]
    held = {(c.passage, _clause_start(passages[c.passage].text, c.start)) for c in shortlist}
    sims = clause_similarity(question, passages, embedder, top, held) if held else {}
    ctx = context(question, kind, terms, sims)
    found = candidates(ctx, passages, top)
    if found and found[0].clause:
        # a clause is the answer when no tight span is certain: one certain in its sentence (制定音像记录
        # 事项清单，对执法环节…作了详细规定 asked 哪份清单) names what the clause only repeats of the question
        text = passages[found[0].passage].text
        a, b = sentence_at(text, found[0].start, found[0].end)
        found = [
            c
            for c in found
            if not c.clause and c.passage == found[0].passage and a <= c.start < b and c.confidence >= ABSTAIN
        ][:1] + found
    if found and found[0].clash and kind.name == "amount" and found[0].figure.kind == "count":
        # money asked (处罚金额), a count found (处罚决定9件): money the passages state with confidence
        # answers (累计罚款57万元), or nothing does
        found = _first_confident(found, lambda c: c.figure is not None and c.figure.kind == "money")
    elif (
        found and found[0].clash and kind.name == "count" and found[0].figure.kind == "money" and ctx.measure
    ):
        # the other way round: a count asked (再开工多少个项目), money found (投资超过8000亿元): a count of
        # the measure asked stated with confidence answers (27个), or nothing does
        found = _first_confident(
            found, lambda c: c.figure is not None and c.figure.kind == "count" and not c.clash
        )
    elif (  # (a count's measure word only: 多少亿元 fits any money, of whatever else)
        found
        and found[0].clash
        and found[0].figure is not None
        and ctx.measure
        and ctx.measure[-1] in "".join(MEASURE_GROUPS)
    ):
        # 多少篇 asked (how many articles), 6190件 found first: a figure in the very measure asked, stated
        # with confidence, answers (287篇), or nothing does
        measure = ctx.measure

        def exact(c: Candidate) -> bool:
            return c.figure is not None and not c.clash and _measure_fit(measure, c.figure.base) == 1.0

        found = _first_confident(found, exact)
    if found and found[0].confidence < ABSTAIN:
        # the same figure stated with confidence elsewhere (the 2024 report's own 20元 beside the 2025
        # report's mention of it) answers what the top candidate only ranks first for
        same = nfkc_compact(found[0].text)
        found = _first_confident(found, lambda c: nfkc_compact(c.text) == same)
    if found and keep is not None and not keep(found[0]):
        # 在总结辽宁省…试点的基础上，将试点范围扩大到哪里: a place the top span's sentence lacks may be the
        # context of a span that names it
        found = _first_confident(found, keep)
    return kind.name, (found[0] if found else None)


def _first_confident(found: list[Candidate], accept: Callable[[Candidate], bool]) -> list[Candidate]:
    """The first candidate ``accept`` takes that is confident enough to answer, alone; else ``found``
    as it was (the top candidate stands, to be withheld or answered as its confidence says)."""
    return [c for c in found if c.confidence >= ABSTAIN and accept(c)][:1] or found


def _off_topic(
    question: str, info: QueryInfo, passage: Passage, best: Candidate, documents: list[DocInfo]
) -> str | None:
    """Why the span found answers something else, or None: the question names a place the passage's
    report does not cover and the sentence does not name (浙江省 asked, a national report's 全国 figure),
    or a number that qualifies what is asked (aged 16 to 24) that the sentence does not hold."""
    a, b = sentence_at(passage.text, best.start, best.end)
    sentence = passage.text[a:b]
    doc = next((d for d in documents if d.doc == passage.doc), None)
    for place in info.places:
        covered = doc is not None and (place == doc.region or place in doc.parents or place in doc.aliases)
        short = re.sub(r"(?:省|市|自治区|特别行政区|县|区)$", "", place)
        if not covered and short not in sentence:
            return f"报告中没有找到关于“{place}”的内容（找到的属于{passage.region}）；下列为最相关的段落。"
    plain = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", question)  # ships of 10,000 tonnes: one number
    plain = re.sub(rf"{CONFIRMED}[\d.]*", "", plain)  # 是不是有10起: a guess to confirm, not a qualifier
    asked = {n for n in QUESTION_NUMBER.findall(plain) if not re.fullmatch(r"(?:19|20)\d{2}", n)}
    asked -= set(re.findall(r"(?<!\d)(\d{2})年", plain))  # 23年以来: a year said short, not a qualifier
    held = set(re.findall(r"\d+(?:\.\d+)?", unicodedata.normalize("NFKC", sentence)))
    # every 100 households: the text writes 每百户, aged 16 to 24 may be 十六至二十四岁
    held |= {
        f"{v:g}" for n in re.findall(r"[一二三四五六七八九十百千万两]+", sentence) if (v := cn_number(n))
    }
    # 去年9月份以后…下调了几次: a month sets the time of the sentences after the one that names it
    months = set(re.findall(r"(\d{1,2})月", plain))
    earlier = unicodedata.normalize("NFKC", passage.text[max(0, a - MONTH_LOOKBACK) : a])
    held |= {n for n in months if re.search(rf"(?<!\d){n}月", earlier)}
    if best.figure is not None and asked and not asked & held:  # (哪5项 asks a list's length)
        return f"报告中没有找到限定于“{'、'.join(sorted(asked))}”的这个数字；下列为最相关的段落。"
    return None


def answer_question(
    question: str,
    info: QueryInfo,
    passages: list[Passage],
    documents: list[DocInfo],
    words: WordStats | None = None,
    embedder=None,
) -> Answer:
    """The short answer for a single-report question, or None with a note saying why."""
    kind = question_type(question)
    if info.missing:
        return Answer(question, None, passages, info.missing, kind)
    if info.unknown:
        note = f"集合中没有关于“{info.unknown}”的报告；下列为最接近的段落，仅供参考。"
        return Answer(question, None, passages, note, kind)

    def on_topic(c: Candidate) -> bool:
        return _off_topic(question, info, passages[c.passage], c, documents) is None

    kind, best = extract(question, info, passages, documents, words, embedder, keep=on_topic)
    if best is not None and (why := _off_topic(question, info, passages[best.passage], best, documents)):
        conf = min(best.confidence, ABSTAIN - 0.1)
        return Answer(question, None, passages, why, kind, confidence=round(max(0.0, conf), 3))
    if best is None or best.confidence < ABSTAIN:
        # every withheld answer says why, an unrecognised kind of question included
        note = "报告中没有找到能回答这个问题的数字或名称；下列为最相关的段落。"
        if kind == "open":
            note = "未能从问题判断要找的是数字、名称还是列表；下列为最相关的段落。"
        if best is not None and best.clash:
            note = f"找到的数字“{best.text}”统计的是另一类对象，与所问不符；下列为最相关的段落。"
        conf = best.confidence if best else 0.0
        return Answer(question, None, passages, note, kind, confidence=round(max(0.0, conf), 3))
    ordered = [passages[best.passage]] + [p for i, p in enumerate(passages) if i != best.passage]
    text = re.sub(r"\s*\n\s*", "", best.text)  # a span broken across lines (PDF) reads as one
    note = "未能确定更短的答案，以下为报告中陈述答案的原句。" if best.clause else None
    return Answer(
        question,
        unicodedata.normalize("NFC", text),
        ordered,
        note,
        kind,
        (best.start, best.end),
        confidence=round(min(1.0, max(0.0, best.confidence)), 3),
    )
