"""The one table of question kinds: what each kind is, how a question shows it, which span finders answer it.

Why one table: the recognisers (Chinese and English) and the finders used to be spread over several
regex lists and an if-chain, so a new kind of question meant edits in four places and the order of
checks was implicit. Here the order is the table's order (first match wins), and each kind names the
finders that ``answer.py`` runs for it, in order of preference (a tight span first, the stating clause
last). ``figures`` says which figure kinds (``figures.Figure.kind``) the question prefers; other
figures are still candidates, only scored lower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every figure kind that answers "how many / how much" (years and dates answer only date questions).
ANY_FIGURE = ("count", "money", "percent", "points", "measure", "multiple", "ratio", "plain")


@dataclass(frozen=True)
class Kind:
    """One kind of question: its name, its recogniser, its finders and the figure kinds it prefers."""

    name: str
    pattern: re.Pattern
    finders: tuple[str, ...]
    figures: tuple[str, ...] = ()


# English verbs in -s that follow the noun a which/what question asks (which law firm supplies its counsel):
# no plural, so no list asked; they end the asked noun as did/does do
EN_VERBS_S = (
    "supplies|provides|serves|acts|runs|leads|heads|handles|oversees|manages|advises|offers|gives|makes|takes"
    "|helps|does|uses"
)


# a figure the question states to be confirmed (是不是257份): the figure asked, where the text prints it
# (是不是有9件, 是不是上了10万: the figure, confirmed or not)
CONFIRMED = (
    r"(?:是不是|是否为?|有没有)\s*(?:有|为|是|上了|超过了?|过了?|达到了?|到了)?\s*[\d一二三四五六七八九十两]"
)


# Between 分别/各自 and the question word that makes it ask one name for each (分别围绕哪两部法律).
EACH_GAP = r"[^，,？?]{0,6}?"
FELL_SHORT_WHERE = r"(?<![相落])差在(?:哪|什么)"  # 自己觉得还差在哪儿: where it fell short (not 相差, 落差)
# What fell short (存在哪些问题, 有啥短板, what weaknesses did it admit): the report's own account of it,
# a section of its own in 法治政府建设年度报告 (存在的问题, 存在的不足和原因), its points listed (一是…二是…)
SHORTCOMING_ZH = (
    r"(?:哪些|什么|啥|哪方面的?)(?:问题|不足|短板|毛病|缺点|差距|困难)"
    r"|(?:问题|不足|短板|毛病|缺点|差距)(?:主要)?(?:是什么|是啥|有哪些|有什么|有啥|在哪)"
    r"|" + FELL_SHORT_WHERE
)
# (how many problems were found: a count, not the report's account of its own failings)
SHORTCOMING_EN = (
    r"\b(?:shortcomings?|weakness(?:es)?|fell short|falls? short|(?:what|which) (?:[a-z]+ )?problems)\b"
)
SHORTCOMING = re.compile(f"{SHORTCOMING_ZH}|{SHORTCOMING_EN}", re.I)


def _p(zh: str, en: str) -> re.Pattern:
    return re.compile(f"{zh}|{en}", re.I)


KINDS: tuple[Kind, ...] = (
    Kind("docnum", _p(r"文号|文件号", r"document number"), ("docnum",)),
    Kind("range", _p(r"哪几年|哪些年|哪一年到|期限|起止", r"which years|what period"), ("range",)),
    # one year asked (哪一年…占GDP比重达到4%): the year the sentence names, not the figure it states
    Kind("year", _p(r"哪一年|哪年|在哪一?年", r"\b(?:which|what) year\b"), ("year",)),
    Kind(
        "date",
        _p(
            r"什么时候|何时|哪天|日期|哪一天|几月|哪个月",
            # "when" that asks, not one joining a clause (which rules did it follow when deciding …)
            # nor one opening a clause before the question (when handling …, which lake did it …)
            r"^\W*when\b(?![^?]*\b(?:which|what|who|whom|how|where)\b)"
            r"|\bwhen (?:did|was|were|is|are|will|would|does|do|has|had)\b"
            r"|\bdate\b|what day|which month",
        ),
        ("date",),
    ),
    # how often (多久开一次, 多长时间听一次汇报, how often): 每周, 每月 (a count would take 5次)
    Kind(
        "frequency",
        _p(r"多久[^？?，,]{0,6}一次|多长时间[^？?，,]{0,6}一次|隔多久|多久一回", r"\bhow often\b"),
        ("frequency", "clause"),
    ),
    # a level of government asked (哪一级的统收统支, what level): the 省级 the text names, else its clause
    Kind(
        "level",
        _p(
            r"哪一?级(?!的?(?:领导|干部|官员))|什么级别|哪个级别|哪一层级",
            r"\b(?:what|which) level of (?:government|administration)\b",
        ),
        ("level", "clause"),
    ),
    # a rank asked (第几位, 排名第几): the answer is an ordinal, which the figure finder skips on purpose
    Kind(
        "rank",
        _p(
            r"第几|几连[增涨冠胜降跌丰]|排名第?多少|排第多少|几等奖?|哪一?版|哪个版本|获奖等次|(?:奖|名次)的?等次|(?:什么|啥)名次",
            r"what (?:place|rank|prize)|which place|\bran(?:k|ked) \w+|which (?:edition|version)"
            r"|\bwhere in the [\w ]{0,30}ranking\b",
        ),
        ("ordinal",),
    ),
    Kind(
        "title",
        _p(
            r"文件名|什么文件|哪个文件|哪份文件|名称是|标题|(?:完整|全)的名称"
            r"|^(?!.*[那这][几二三四五六七八九十两2-9][个项类种条家件大]).*叫什么",  # (那3家叫什么: a list)
            r"title of|name of the (?:plan|document)"
            # what is that system called
            r"|\bwhat (?:exactly )?(?:is|was|are|were) (?:[a-z-]+ ){1,3}called\b"
            # a set of rules is one document in Chinese (《…裁量规则和基准》), not a list
            # (not "laws and regulations": several documents)
            # (which three rules: a list)
            r"|\bwhich (?!(?:two|three|four|five|six|seven|eight|nine|ten|several)\b)"
            r"(?:(?!and\b)[a-z-]+ ){0,2}(?:rules|regulations|provisions|guidelines)\b",
        ),
        ("title", "quoted", "named", "clause"),
    ),
    # several figures asked at once (分别是多少, respectively): the run of figures the text gives, as printed
    Kind(
        "figures",
        _p(  # (分别是谁, 分别围绕哪两部法律: names); 多少…多少, how many … and how many: two figures at once
            rf"分别(?!{EACH_GAP}(?:谁|什么|啥|哪))"
            r"|各(?:是|为|有|占)多少|各(?:是|为|有)?几[个家件项次名人]|多少[^？?]{1,12}[，,、和]\s*[^？?]{0,12}多少",
            r"\brespectively\b|\bhow many\b[^?]*\band how many\b",
        ),
        ("figures",),
        ANY_FIGURE,
    ),
    Kind(
        "list",
        _p(
            r"哪些|哪几|有哪|是指|具体指|具体是(?!几|多少)|包括什么|包含什么|哪[“\"]?[二三四五六七八九十两2-9]"
            r"|列一下|列举|列出|都[^？?，,]{0,6}过(?:啥|什么)"  # 都开展过啥…？列一下: every item
            rf"|(?:分别|各自){EACH_GAP}哪(?![一几]?[年月天日])"  # 两场宣传各自讲的是哪部法: one for each
            r"|挨个|逐一|逐个|一一(?:列|说|讲|报)"  # 名目挨个报一下: one by one, every item
            # 四项原样给我: the items of a count, asked to be given
            r"|[二三四五六七八九十两2-9][项个条类种][^？?，,]{0,8}(?:给我|报一下|说一下|讲一下)"
            r"|哪[“\"]?[二三四五六七八九十两\d]+个字"  # 在哪“八个字”上下功夫: a slogan's words
            # 那4类…是啥, 这3家企业叫什么: the items of a count the question states
            r"|[那这][“\"]?[二三四五六七八九十两2-9][个项类种条家件大]?[^？?，,]{0,16}(?:是|叫)(?:什么|啥|谁)"
            # 那三个建了…的重点大厂，名儿都叫什么: the same across a comma, with 都 for all of them
            r"|[那这][“\"]?[几二三四五六七八九十两2-9][个项类种条家件大][^？?]{0,24}都(?:是|叫)(?:什么|啥|谁)"
            # 三项制度都是啥: without 这/那, the count's items asked all at once
            r"|[二三四五六七八九十两2-9][个项类种条家件大样][^？?，,]{0,12}(?:都|分别|各)(?:是|叫)(?:什么|啥|哪)"
            # 存在的不足是什么: the points of what fell short, all of them
            r"|(?:问题|不足|短板|毛病|缺点|差距)(?:主要)?(?:是什么|是啥|有什么|有啥)"
            # (宣传那块差在哪儿: one part named, whose own point is asked)
            r"|^(?!.*(?:那块|这块|方面)).*" + FELL_SHORT_WHERE,
            r"which (?:two|three|four|five|six|seven|eight|nine|ten|several)\b|what are the"
            r"|what exactly (?:are|were)\b"
            # (not which law practice acts as its counsel: a verb ends the noun, "as" is no plural)
            r"|which (?:(?!(?:did|does|do|was|is|were|are|will|would|has|have|had)\b)"
            rf"(?!(?:{EN_VERBS_S})\b)[a-z-]+ ){{0,3}}"
            r"(?!(?:was|is|has|does|this|its|as|us|thus|plus)\b)"
            rf"(?!(?:{EN_VERBS_S})\b)"  # (not which law firm supplies …: a verb)
            # (not which environmental services firm: a plural that qualifies the noun after it)
            r"(?!(?:services|goods|sales|affairs|savings|customs|sports|arms) "
            r"(?!(?:did|do|does|were|are|will|would|have|has|had|should|can)\b)[a-z])"
            r"[a-z-]+s\b(?!')(?! (?:was|is)\b)"  # (not which leaders' meeting: one meeting)
            # what breakthrough achievements did it list; not what targets/rates/figures (a figure each)
            r"|\bwhat (?!(?:share|proportion|percentage|part|portion|fraction|number|amount|headcount"
            r"|total)\b)"
            r"(?:[a-z-]+ ){0,3}(?!(?:targets|rates|ratios|points|levels|figures|numbers|amounts"
            r"|prices|percentages|costs|funds|years|months|days)\b)[a-z-]{3,}s"
            r" (?:did|do|does|were|are|will|would|must|should|can|could|need)\b"
            r"|^name (?:the|all) (?:[a-z-]+ ){0,3}[a-z-]+s\b",  # name the big firms that …: a list
        ),
        ("list", "slot"),
    ),
    # a multiple asked (是1997年的几倍): the 2.9倍 beside the amount, not the amount
    Kind(
        "multiple",
        # (how many times was it taken to court: a count; how many times larger: a multiple)
        _p(
            r"几倍|多少倍",
            r"how many times\b"
            r"(?=[^?]*\b(?:larger|bigger|higher|greater|more|than|that of|as (?:much|many|large|high)))",
        ),
        ("figure",),
        ("multiple",),
    ),
    # a money unit asked outright (多少美元, 多少亿元) wins over a 率 elsewhere in the question (汇率)
    Kind(
        "money",
        _p(r"(?:多少|几)(?:万亿|亿|千万|百万|万|千)?(?:美元|元|人民币)", r"how many (?:dollars|yuan)"),
        ("figure",),
        ("money",),
    ),
    Kind(
        "percent",
        _p(
            # (利率下调了几次: a count of cuts, as in English)
            r"^(?!.*(?:几|多少)[次回]).*?(?:百分之|百分点|比例|比率|比重|占比|增速|增幅|降幅|涨幅|[^件]率)",
            # (how many times were rates cut: a count of cuts)
            r"^(?!.*\bhow many times\b).*?"
            r"(?:percent|percentage|\brates?\b|\bratios?\b|%|growth|inflation|\bshares?\b|proportion|coverage)",
        ),
        ("figure",),
        ("percent", "points"),
    ),
    Kind(
        "amount",
        _p(
            # (资金支持了多少个图书馆: things counted, whatever paid for them)
            r"^(?!.*(?<![那这])(?:多少|几)(?:个|家|所|座|名|位|户|件|起|条|篇|人))"  # (那几个办法: no count)
            # (怎么“先礼后兵”的…罚款之前那一步: how something is done, asked with no 多少 or 几)
            r"(?!(?!.*(?:多少|几)).*(?:怎么|如何|咋|做法|法子|办法))"
            # (资金增长多少: the change of the money, a rate more often than an amount)
            r"(?!.*资金[^，,？?]{0,4}(?:比上年)?(?:增长|增加|提高)了?多少)"
            r".*(?:多少钱|(?:几|多少)块钱|金额|罚款|罚金|罚没|罚了|费用|资金|投了多少|投入了?多少|(?<!多大)规模|多少美元|多少亿|多少万亿"
            r"|总投资|投资额"
            r"|(?:几|多少)(?:十|百|千)?万(?:块)?[？?]?$)",  # 罚没款总额是几万, 钱一共是多少万: money
            r"how much (?:more |extra |additional )?money|amount|\bcost|spent|spend|absolute|budget|deficit"
            r"|\bvalue of\b"  # the value of exports: money (出口3256亿美元)
            r"|^(?!.*\bhow many\b).*\bfine[sd]?\b"  # (how many ended without a fine: cases)
            r"|how much\b.*\b(?:put in|invest(?:s|ed)?|allocat\w*|earmark\w*)\b"  # how much would it put in
            r"|^(?!.*\b(?:what|which)(?: [a-z-]+)? funds?\b).*\bfunds?\b"  # what (new) fund: a name
            # money paid to people, unless their number is asked (how many received allowances)
            r"|^(?!.*\bhow many\b).*\b(?:subsid(?:y|ies)|allowances?|pensions?|wages?|salar(?:y|ies)"
            r"|pa(?:y|ys|id|yments?))\b(?! (?:an? )?(?:[a-z-]+ )?visits?\b)",  # (not paid a visit)
        ),
        ("figure",),
        ("money",),
    ),
    Kind(
        "count",
        _p(
            r"多少|(?<![那这])几[起件家次回个名位人例项份条场套倍年台辆篇首封则张趟期批座所届部本册户艘架处株棵轮类种天]"
            rf"|{CONFIRMED}"  # 是不是257份: the figure, confirmed or not
            r"|达到了?什么水平|多[长久远高大]|给(?:个|我)?数字?[：:，,]"  # 给个数：…篇数
            r"|(?:是|为|有|到|达)几[？?]?$"  # 空气综合质量指数现在是几: a bare 几 asks the figure itself
            # 企业数？ 排污许可审批量: a number's noun ends a question with no question word (not 空气质量)
            r"|^(?!.*(?:什么|哪|谁)).*(?:数量|数目|[\u4e00-\u9fff]数|[\u4e00-\u9fff](?<![质力考])量)(?:是)?"
            r"(?:\s*(?:19|20)?\d{2}年?)?[？?]?$",  # (…笔录 份数 2024: a year after it)
            r"how many|how much|how (?:large|big|long|far|high|fast)\b|number of|\bindex\b|\btarget\b"
            r"|\b(?:the|its) (?:[\w-]+ )?(?:count|tally)\b"  # what's the company count
            r"|\boutput\b|^(?!.*\bus(?:e|ed|es|ing) to\b).*\btotal\b|\bquota\b|by how much|\bheadcount\b"
            # what did X exceed, what level had it reached
            r"|\bwhat\b[^?]*\b(?:did|had|has|have)\b"
            r"[^?]*\b(?:exceed|surpass|reach(?:ed)?|top|total|amount to)\b"
            r"|\bwhat\b[^?]*\b(?:aims?|expects?|plans?|intends?|hopes?) to (?:reach|exceed|hit)\b"  # aims to
            # what was the average PM2.5 concentration, what was China's GDP: a quantity's noun asked
            r"|\bwhat (?:was|is|were|are) (?:the |its |their )?"
            r"(?:(?!(?:drop|decline|decrease|fall|rise|increase|reduction|growth|gain)s?\b)[\w.'-]+ ){0,4}?"
            r"(?:concentrations?|gdp"
            r"|gross domestic product|income|revenue|volume|investment|production|mileage|capacity)\b"
            r"|\b(?:raised|increased|lifted|rose|risen|cut|lowered|reduced) to\b"  # what was it raised to
            r"|\b(?:raised|increased|lifted|cut|lowered|reduced)\b[^?]* to\W*$"  # had raised it to?
            r"|\bto what (?:[a-z-]+ ){0,3}(?:level|extent|amount|sum|figure)\b",  # to what sales level
        ),
        ("figure",),
        ANY_FIGURE,
    ),
    # a change asked without "how much" (what was the PM2.5 drop): a figure, a percent first; Chinese
    # asks it with 多少 or 降幅/增幅 (above)
    Kind(
        "change",
        _p(
            r"(?!)",
            r"\b(?:drop|decline|decrease|fall|rise|increase|reduction|growth|gain)s?\b|\b(?:fell|rose|grew)\b",
        ),
        ("figure",),
        ("percent", "points", *(k for k in ANY_FIGURE if k not in ("percent", "points"))),
    ),
    # a range of figures asked (在哪个区间, what range): a figure, a range first (100万元至300万元)
    Kind(
        "interval",
        _p(
            r"(?:哪个|哪一|什么|多大)(?:数值)?(?:区间|范围)",
            r"\bwhat range\b|\bwhich range\b|\bbetween what\b",
        ),
        ("figure",),
        ANY_FIGURE,
    ),
    # how something goes or is to go (要比2000年怎样 → 翻一番): the clause that states it
    Kind(
        "manner",
        # (对…企业要怎么处理: what is to be done, as the clause says it: 实施破产关闭)
        _p(
            r"怎样|怎么样|如何变化|什么样的?(?:变化|水平)|什么(?:程度|地步)|(?:怎么|如何|咋)(?:处理|处置|办)"
            r"|什么(?:调整|改变|不同|区别)|(?:什么|啥)不(?:一样|同)"  # 做了什么调整, 有啥不一样的待遇: how
            # 有没有吃过官司: whether, as the clause that says so (未出现…案件), when nothing else is asked
            # (有没有…？是在哪个科: the 科); a figure to confirm (是不是257份) is a count's, read before
            r"|^(?!.*(?:哪|什么|谁|几|多少)).*(?:有没有|是否|是不是)",
            r"(?!)",
        ),
        ("clause",),
    ),
    # by what means (用什么办法解决的, 靠什么法子): the clause that states the means, not the outcome after it
    Kind(
        "means",
        _p(
            r"(?:什么|啥)(?:办法|法子|手段|途径|招)|(?:怎么|如何|咋)(?:解决|做到|实现)(?:的|了)"
            # 罚款之前是怎么做的, 有没有啥先打招呼的做法: how it is done, the clause that says so
            r"|(?:怎么|如何|咋)(?:做|干|搞)(?:的|了)|(?:什么|啥)[^，,？?]{1,8}(?:做法|法子|办法)",
            r"by what means|how did[^?]*(?:solve|resolve|tackle)",
        ),
        ("clause",),
    ),
    # who holds a role (组长由谁担任, who leads the group): the holder's words; a 《title》 never answers
    # (跟谁会签, 与谁签订: a partner, a body more often than a person, is asked as a name below)
    Kind(
        "person",
        _p(
            # (组长由啥岗位的人兼着: the post's holder)
            r"(?<![跟和与同])谁|哪位|哪个领导|头儿|什么职务|[由是为](?:什么|哪个|哪一?种)(?:职位|岗位|职务)",
            r"\bwho\b|\bwhom\b|\bwhich (?:official|leader|officer|person|minister|mayor|governor)\b",
        ),
        ("role", "named", "clause"),
    ),
    Kind(
        "name",
        _p(
            r"哪家|哪个|哪一个|哪一家|哪一?[艘部座项条场次位种类所届款份本张台支只件批篇首封则]|什么[\u4e00-\u9fff]{0,4}"
            r"|谁|由谁|是什么|哪里|哪儿"
            r"|(?<![排罪])(?:名|名称|名字|全称)[？?]?$",  # 丰泽 移送公安 公司名: a search box asking a name
            r"\bwhich\b|\bwho\b|\bwhat (?:is|was)\b|what (?:[\w-]+ ){0,3}(?:did|does|is|was)|\bname\b"
            r"|\bwhat (?:kind|type|sort)s? of\b"
            r"|^(?:[^,?]*,\s*)?where\b",  # where would it be piloted first: the place's name
        ),
        ("disposal", "title", "quoted", "named", "slot", "clause"),
    ),
)
# a question no recogniser reads (丰泽的典型案例入选情况, 给我讲讲…): the clause of the top passages
# that states what its words ask, answered as a clause and only when confident; silence hid a stated
# answer (a quarter of the false abstentions on the question files) and kept no unanswerable one silent
OPEN = Kind("open", re.compile(r"$^"), ("clause",))
BY_NAME = {k.name: k for k in (*KINDS, OPEN)}


def question_kind(question: str) -> Kind:
    """The first kind in the table whose recogniser matches the question, else ``open``."""
    for kind in KINDS:
        if kind.pattern.search(question):
            return kind
    return OPEN


def question_type(question: str) -> str:
    return question_kind(question).name
