"""The domain's vocabulary: English question words and colloquial Chinese mapped to the reports' terms.

Why: the keyword index only knows the reports' own words. An English question ("fines",
"drills") or a colloquial one (罚了多少钱, 案子) shares no token with 处罚金额 or 案件, so the
keyword side would either find nothing or, worse, match noise. This small glossary of the
field's standard terms lets both sides speak the reports' language; it names no report,
region or figure.
"""

from __future__ import annotations

import re

# English word (lower case, singular or plural as written) → the reports' Chinese terms.
ENGLISH = {
    "violation": "违法",
    "violations": "违法 违法行为",
    "illegal": "违法",
    "case": "案件",
    "cases": "案件",
    "penalty": "处罚",
    "penalties": "处罚",
    "punish": "处罚",
    "punished": "处罚",
    "punishment": "处罚",
    "punishments": "处罚",
    "ruling": "决定",  # a penalty ruling: 处罚决定
    "rulings": "决定",
    "fine": "罚款 处罚金额",
    "fines": "罚款 处罚金额",
    "fined": "罚款 处罚金额",
    "amount": "金额",
    # a country hosts a summit or games: it 举办s (办好) them, not the dictionary's 主人 or 接待
    "host": "举办 办好 主办",
    "hosts": "举办 办好 主办",
    "hosted": "举办 办好 主办",
    "hosting": "举办 办好 主办",
    "drill": "演练",
    "drills": "演练",
    "exercise": "演练",
    "emergency": "应急",
    "complaint": "信访 投诉",
    "complaints": "信访 投诉 举报",
    "petition": "信访",
    "petitions": "信访",
    "tip": "举报",
    "tip off": "举报",  # tip-off(s): a hyphen reads as a space
    "tip offs": "举报",
    "lead office": "主办",  # handled as lead office: 主办, not 协办
    "lead handler": "主办",
    # motions of people's congress deputies (人大代表建议) and CPPCC members (政协委员提案); the dictionary
    # reads people's congress as 人民法院/议院, motions as 动作
    "people's congress": "人大",
    "people's congress deputies": "人大代表 人大",
    "congress deputies": "人大代表",
    "deputies": "代表",
    "motions": "建议 议案 提案",
    "motion": "建议 议案 提案",
    "co-handler": "协办",
    "in charge of": "负责 牵头 组长",
    "called in": "约谈",  # firms called in (summoned) for talks
    "summoned": "约谈",
    "without a fine": "免予处罚 不予处罚",
    # complaints resolved are 办结 (closed) in the reports; disputes resolved are 化解
    "resolve": "办结 化解 解决",
    "resolved": "办结 化解 解决",
    # firms helped: 帮扶 (the reports' word for the help a bureau gives firms)
    "help": "帮扶 帮助",
    "helped": "帮扶 帮助",
    "outbound": "对外",  # outbound direct investment: 对外直接投资, not 出境 (travel)
    "completion rate": "办结率",  # of complaints: closed out
    "took in": "受理",  # complaints taken in
    "take in": "受理",
    "take up": "受理",  # reports formally taken up: 受理317件
    "took up": "受理",
    "taken up": "受理",
    "tips": "举报",
    "hotline": "热线 12369",
    "grid": "网格",
    "clue": "线索",
    "clues": "线索",
    "enforcement": "执法",
    "inspection": "检查",
    "inspections": "检查",
    "inspect": "检查",
    "air": "空气",
    "quality": "质量",
    "index": "指数",
    "lawyer": "律师",
    "law firm": "律师事务所",
    "law office": "律师事务所",
    "lawyers office": "律师事务所",
    "adviser": "法律顾问",
    "advisor": "法律顾问",
    "counsel": "法律顾问",
    "training": "培训",
    "trainings": "培训",
    "study": "学习 研究",  # study sessions; study setting up (研究建立) a system
    "studies": "学习 研究",
    "session": "学习",
    "sessions": "学习",
    "permit": "许可",
    "permits": "许可 排污许可",
    "license": "许可",
    "approval": "审批",
    "approvals": "审批",
    "document": "文件",
    "documents": "文件",
    "issued": "印发",
    "regulation": "规定",
    "regulatory": "规范性文件",
    "reconsideration": "行政复议",
    "litigation": "诉讼 应诉",
    "lawsuit": "诉讼 应诉",
    "lawsuits": "诉讼 应诉",
    "sued": "应诉 被告",
    "court": "法院",
    "compensation": "赔偿",
    "damage": "损害",
    "damages": "损害 赔偿",
    "enterprise": "企业",
    "enterprises": "企业",
    "company": "公司 企业",  # which company: a name ending 有限公司 first
    "companies": "企业",
    "firms": "企业",
    "firm": "公司 企业",  # that firm: a name ending 有限公司 first
    "law practice": "律师事务所",
    "investigate": "查处",
    "investigated": "查处",
    "handled": "查处 办理",
    "handle": "查处 办理",
    "rule": "法治",
    "rules": "规则 规定 办法",  # a set of rules (裁量规则), not the rule of law
    "regulations": "规定 条例 办法",
    "law": "法治 法律",
    "legal": "法律 法治",
    "publicity": "宣传 普法",
    "awareness": "宣传 普法",
    "education": "教育 宣传教育",
    "pollution": "污染",
    "water": "水",
    "waste": "废物 危废",
    "hazardous": "危险废物",
    "emission": "排放 排污",
    "emissions": "排放 排污",
    "monitoring": "监测 监控",
    "online": "在线 网上",
    "assessment": "评价 环评",
    "eia": "环评 环境影响评价",
    "impact": "影响",
    "priorities": "重点",
    "next": "下一步 下阶段",
    "plan": "计划 安排",
    "plans": "计划 安排",
    "shortcomings": "不足 问题",
    "problems": "问题 不足",
    "weaknesses": "不足",
    "disclosure": "公开",
    "transparency": "公开 公示",
    "credit": "信用",
    "reform": "改革",
    "supervision": "监督",
    "oversight": "监督",
    "leader": "领导",
    "leaders": "领导 领导干部",
    "officials": "干部",
    "staff": "干部职工",
    "decision": "决策",
    "decisions": "决策",
    "rate": "率",
    "percentage": "比例 率",
    "reduction": "降幅 减少",
    "decrease": "降幅 下降",
    "saved": "节省",
    "save": "节省",
    "cost": "费用 成本",
    "costs": "费用 成本",
    "reports": "举报",
    "received": "受理 接到 收到",
    # economic figures of government work reports, where the dictionary's first senses miss
    # (growth → 发展/成长, urban → 市区, jobs → 职位)
    "growth": "增长",
    "urban": "城镇",
    "job": "就业 岗位",
    "jobs": "就业 岗位",
    # poverty, falls and rises, residency and housing as the reports say them (poor → 贫穷/穷人,
    # fall → 落下/下跌, rise → 上升/兴起 where reports write 增加到, household registration → 人家/登记表,
    # started → 发动, affordable housing → 支付得起)
    "poor": "贫困",
    # the bureau a question names is the report's issuer (局), not an office (办公室) or its head (局长);
    # a general risk is 一般 (not 将军); court appearances and enrolment rates as the reports say them
    "bureau": "局",
    "general": "一般 总体",
    "court appearance": "出庭",
    "gross enrollment rate": "毛入学率",
    "handling rate": "处理率 办理率 查处率",  # of complaints, petitions or cases
    # prizes and contests as the reports say them (second prize → 大奖/第二, contest → 争夺; 比武 is
    # the enforcement drill's contest)
    "second prize": "二等奖",
    "third prize": "三等奖",
    "contest": "竞赛 比武 比赛",
    "competition": "比赛 竞赛 比武",
    # development and welfare phrases as the reports say them (belt → 地带, nurture → 培养, participation
    # rate → 参与率, schooling → 学校, junior middle school → 初级/中学, basically complete → 基本上/完成)
    "economic belt": "经济带",
    "economic belts": "经济带",
    "nurture": "培育",
    "nurtured": "培育",
    "participation rate": "参合率 参保率",
    "subsidized housing": "保障性住房 保障性安居工程",
    "average years of schooling": "平均受教育年限",
    "years of schooling": "受教育年限",
    "working age population": "劳动年龄人口",
    "junior middle school": "初中",
    "junior middle schools": "初中",
    "junior high school": "初中",
    "basically complete": "基本建成",
    "basically completed": "基本建成",
    "within the year": "年内 今年",
    # cases and complaints closed (close out → 密切/截止)
    "close out": "办结",
    "closed out": "办结",
    "close": "办结 关闭",
    "poor people": "贫困人口 贫困群众",
    "lifted out of poverty": "脱贫",
    "lift out of poverty": "脱贫",
    "five year plan": "规划 五年规划",
    # abolished taxes and waived fees (abolish → 铲除, tuition → 指导)
    "abolish": "取消 废止 废除",
    "abolished": "取消 废止 废除",
    "tuition": "学费 学杂费",
    "fall": "下降 减少 降幅",
    "fell": "下降 减少 降幅",
    "fallen": "下降 减少 降幅",
    "drop": "下降 降幅",
    "decline": "下降 降幅",
    "rise": "增加 提高 增长 上升",
    "rose": "增加 提高 增长 上升",
    "risen": "增加 提高 增长 上升",
    "concentration": "浓度",
    "household registration": "户籍 落户",
    "residency": "户籍 落户",
    "affordable housing": "保障性住房 保障房 保障性安居工程",
    "low rent housing": "廉租住房 廉租房",
    # fees on businesses: 收费 (取消、停征35项中央收费); suspended fees are 停征
    "fee": "收费",
    "fees": "收费",
    "suspend": "停征 暂停",
    "suspended": "停征 暂停",
    "total length": "总里程 总长",  # of roads, railways: 总里程
    "from the public": "群众 公众",  # complaints from the public: not 公开 (to disclose)
    "environmental code": "环保码",  # a firm's QR code for environmental oversight
    "eco code": "环保码",
    "applied for": "申领 申请",
    "apply for": "申领 申请",
    "life expectancy": "预期寿命 人均预期寿命",
    "inbound": "入境",
    "administrative regulations": "行政法规",
    "comprehensively reviewed": "全面清理",
    "comprehensive review": "全面清理",
    "overdue": "拖欠",
    "construction payments": "工程款",
    "coal fired": "煤电 燃煤",
    "power units": "机组",
    "ultra low emissions": "超低排放",
    "ultra low emission": "超低排放",
    "fishing ban": "禁渔",
    "county hospitals": "县医院",
    "county hospital": "县医院",
    "normal times and emergencies": "平急两用",
    "deep loosening": "深松",
    "deep loosened": "深松",
    "deep ploughing": "深松 深耕",
    "main handling": "主办",
    "zero carbon": "零碳",
    "minister": "部长",
    "unannounced visit": "暗访",
    "unannounced visits": "暗访",
    "ready while you wait": "立等可取",
    "referred": "移送",  # cases referred to the police: 移送 (not 提到)
    "refer": "移送",
    "universiade": "大运会 世界大学生运动会",
    "break through": "突破",
    "broke through": "突破",
    "slash": "压缩 缩短 削减",
    "slashed": "压缩 缩短 削减",
    "approval time": "审批时限 审批时间",
    "approval times": "审批时限 审批时间",
    "defendant": "应诉 被告",  # taken to court as a defendant: 行政应诉
    "awards and subsidies": "奖补",
    "resettle": "安置",
    "resettling": "安置",
    "resettled": "安置",
    "outward": "对外",  # outward direct investment: 对外直接投资
    "leaner": "精简",
    "streamline": "精简 简化",
    "streamlined": "精简 简化",
    "application materials": "申报材料 申请材料",
    "farm to supermarket": "农超对接",
    "farmland": "耕地 农田",
    "farmland to forest": "退耕还林",  # converting farmland to forest: 退耕还林, not 耕地
    "protected areas": "自然保护地 保护地",
    "protected area": "自然保护地 保护地",
    "nature reserves": "自然保护区",
    "government debt": "政府债务",
    "new government debt": "新增政府债务",
    "additional deduction": "加计扣除",
    "agricultural tax": "农业税",
    "world trends": "世界潮流",
    "reclamation": "复垦 围垦",
    "non financial": "非金融",
    "river chief": "河长制 河长",
    "river chiefs": "河长制 河长",
    "hearing": "听证",  # a penalty hearing: 听证, not 听力
    "hearings": "听证",
    "special subsidy": "专项补助 专项资金 专项",
    "special funds": "专项资金",
    "sign up": "申领 申请",
    "signed up": "申领 申请",
    "new area": "新区",  # 雄安新区, 浦东新区: a state-level new area
    "new areas": "新区",
    "high standards": "高标准",
    "high standard": "高标准",
    "planned and built": "规划建设",
    "plan and build": "规划建设",
    # what a figure exceeds (突破1万亿元), or by how much it exceeds last year's: 比去年增加
    "exceed": "超过 突破 增加",
    "exceeded": "超过 突破 增加",
    "previous year": "上年 去年",
    "prior year": "上年 去年",
    "the year before": "上年 去年",
    "renovate": "改造",
    "renovating": "改造",
    "renovation": "改造",
    "started": "开工 启动",
    # cuts, businesses and social security contributions (cut → 切割/伤口, business → 行业/业务,
    # contributions → 贡献)
    "cut": "减少 降低 减轻 削减 缩短 压减",  # (a time is 缩短ed: 审批时限缩短85%)
    "cuts": "减少 降低 减轻 削减 缩短 压减",
    "business": "企业",
    "businesses": "企业",
    "contributions": "缴费",
    "social security contributions": "社保缴费 社会保险费",
    # a bureau's branch offices (the dictionary has 分支, 分行 of a bank)
    "branch": "分局",
    "branches": "分局",
    # what a bureau publishes online (publish → 出版, articles → 条款, WeChat unknown to the dictionary)
    "wechat": "微信 公众号",
    "publish": "发布 推送 公布",
    "published": "发布 推送 公布",
    "articles": "文章 推文 信息",
    # school enrolment and the Moon landing (enrolment → 登记, landed → 登陆)
    "enrolment": "招生",
    "enrollment": "招生",
    "landed on the moon": "登月",
    "moon landing": "登月",
    # foreign capital as the reports count it (实际利用外资; the dictionary has 外国 资本, 实在)
    "foreign capital": "外资 利用外资",
    "foreign investment": "外资 外商投资",
    "actually": "实际",
    # the indicators every government work report states, in the statistics bureau's English (the
    # dictionary gives 本钱/固定, 门市, 将军/公开, 年/输出, 覆盖面 for their words)
    "fixed asset investment": "固定资产投资",
    "fixed assets investment": "固定资产投资",
    "retail sales": "社会消费品零售总额 零售总额",
    "general public budget revenue": "一般公共预算收入",
    "general public budget": "一般公共预算",
    "gross regional product": "地区生产总值 生产总值",
    "regional gdp": "地区生产总值 生产总值",
    "grain output": "粮食产量 粮食",
    "grain": "粮食",
    "research and development": "研发 研究与试验发展",
    "industrial value added": "工业增加值",
    "industrial output": "工业增加值 工业",
    "above designated size": "规模以上",
    "resident population": "常住人口",
    "permanent residents": "常住人口",
    "household consumption": "居民消费",
    "special bonds": "专项债券 专项债",
    "special purpose bonds": "专项债券 专项债",
    "new urban jobs": "城镇新增就业",
    "urban residents": "城镇居民 城市居民",  # (not 市区 and 居民 apart: 城镇居民人均可支配收入)
    "in real terms": "实际",  # 实际增长9%, not 真正 and 条件
    "pioneer": "排头兵 先行",  # 当好改革开放排头兵, not 先驱
    "pioneers": "排头兵 先行",
    "capita": "人均",  # per capita ("per" is a stop word)
    # plain words of a journalist's question where the dictionary has another sense (central
    # government → 中央政府 where reports write 中央财政, invest → 投资 for 投入, aim → 目的, set up → 规定,
    # Asian → 亚运会, heating → 热力, northern → 北部, funding → 出资)
    "central government": "中央 中央财政 中央政府",
    "value": "总额 金额",  # the value of exports: 出口总额, not 价值/重视
    "invest": "投入 投资",
    "invested": "投入 投资",
    # (allocate → 分配/配置 in the dictionary; a budget's money is 安排ed: 中央财政安排社会保障资金2906亿元)
    "allocate": "安排 拨付 下达",
    "allocated": "安排 拨付 下达",
    "allocates": "安排 拨付 下达",
    "allocation": "安排 拨付 下达",
    "aim": "目标 力争",
    "aimed": "目标 力争",
    "set": "设立 确定 提出 设定",  # set up a fund, set a target ("up" is a stop word)
    "asian": "亚洲",
    "heating": "取暖 供暖 供热",
    "northern": "北方",
    "funding": "资金 经费",
    "cooperative medical": "合作医疗 新农合",  # (cooperative → 合作社, scheme → 机关/谋划, join → 进入)
    "scheme": "制度 计划",
    "join": "参加 加入",
    "joining": "参加 加入",
    "joined": "参加 加入",
    "high tech manufacturing": "高技术制造业",
    # consumer prices: the dictionary knows 消费者物价指数, the reports write 居民消费价格(涨幅)
    "cpi": "居民消费价格",
    "consumer price": "居民消费价格",
    "consumer prices": "居民消费价格",
    # the dictionary's first senses miss the reports' words: consumption → 结核/用量, capacity → 容量/潜力,
    # surveyed → 探测, benefit → 利益 (受益 is "to benefit from"), high-speed rail → 高铁 only
    "consumption": "消费",
    "capacity": "能力 产能",
    "surveyed": "调查",
    "benefit": "受益 惠及",
    "benefited": "受益 惠及",
    "high speed rail": "高铁 高速铁路",
    "high speed railway": "高铁 高速铁路",
    "high speed railways": "高铁 高速铁路",
    # energy use per unit of GDP: 能耗 in the dictionary, 能源消耗强度 in some reports
    "energy consumption": "能耗 能源消耗",
    "energy intensity": "能耗 能源消耗强度",
    # the reports' official English (State Council translations) for words the dictionary sends elsewhere:
    # pilot → 飞行员, breakthrough → 冲破, break down → 打破, broad money → 广泛 + 银子, serve as → 服务
    "pilot": "试点",
    "piloted": "试点",
    "pilots": "试点",
    "breakthrough": "突破",
    "breakthroughs": "突破",
    "achievement": "成果 成就",
    "achievements": "成果 成就",
    "break down": "分解",
    "broken down": "分解",
    "target tasks": "目标任务",
    "broad money": "广义货币 M2",
    "serve as": "担任",
    "serves as": "担任",
    "leading group": "领导小组",
    "threshold": "起征点 门槛",
    "battle": "保卫战 攻坚战",  # 蓝天保卫战; the dictionary has 斗争, 战斗
    "battles": "保卫战 攻坚战",
    "national": "全国 国家",  # total national fiscal deficit → 全国财政赤字 (the dictionary: 国家, 国立)
    "end": "年底 年末",  # the end of 2000 (the dictionary: 终端, 结束)
    "fiscal": "财政",  # fiscal deficit, fiscal revenue (the dictionary: 财年, a fiscal year)
    # 攻坚战 as the official English renders it; the dictionary has only 危急 + 斗争
    "critical battle": "攻坚战",
    "critical battles": "攻坚战",
    "tough battle": "攻坚战",
    "tough battles": "攻坚战",
    # more of the official English the dictionary reads word by word: new + energy + vehicles → 新型 能源
    # 车辆, give up → 放弃 (让利 to the real economy), central budget → 中央 + 预算 without 内, take off
    # the road → 道路 (淘汰 old vehicles)
    "new energy vehicle": "新能源汽车",
    "new energy vehicles": "新能源汽车",
    "give up": "让利",
    "gave up": "让利",
    "central budget": "中央预算内",
    "central government budget": "中央预算内",
    "old vehicles": "老旧车 老旧汽车",
    "off the road": "淘汰",
    "off the roads": "淘汰",
    # laid off → 放 + 下, found new jobs → 创建 + 新生 (再就业), lists → 列举 (清单 of powers), provincial →
    # 省会 (省级 government)
    "laid off": "下岗",
    "found new jobs": "再就业",
    "find new jobs": "再就业",
    "re employed": "再就业",
    "reemployed": "再就业",
    "reemployment": "再就业",
    "re employment": "再就业",
    "lists": "清单 名单",
    "provincial": "省级 省",
    # vaccinated → 种痘 (疫苗 接种), carbon dioxide → 碳 + 二氧化物, commemorative days → 纪念 + 天
    "vaccinated": "接种 疫苗",
    "vaccination": "接种 疫苗",
    "vaccine": "疫苗",
    "vaccines": "疫苗",
    "carbon dioxide": "二氧化碳",
    "commemorative day": "纪念日 节日",
    "commemorative days": "纪念日 节日",
    "major": "重大 主要 重要",  # major risks, major projects: 重大 (the dictionary: 主要, 专业)
    "being handled": "正在办理 办理中",
    "team": "队伍 团队",  # 执法队伍, 应急救援队伍 (the dictionary: 团队, 队员)
    "teams": "队伍 团队",
    # a project the reports name is a 工程 (南水北调中线一期工程, 村村通工程) as often as a 项目 (the
    # dictionary: 计划, 项目, 事业)
    "project": "工程 项目",
    "projects": "工程 项目",
    "water diversion": "调水 南水北调",
    "being processed": "正在办理 办理中",  # (the dictionary: 加工, 进程)
    "current account": "经常项目",  # (the dictionary: 往来帐户, 活期帐户)
    "surplus": "顺差",  # a trade or current-account surplus (the dictionary: 盈余, 剩余)
    "individual businesses": "个体工商户",
    "individual business": "个体工商户",
    "self-employed": "个体工商户 个体",
}
# Colloquial Chinese → the reports' formal terms.
CHINESE = {
    "案子": "案件",
    "文章": "文章 推文",  # what a 公众号 publishes
    "推送": "推文",  # 发了多少篇推送: the account's posts
    "罚了": "处罚 罚款",
    "罚款": "处罚金额 罚款",
    "罚金": "处罚金额 罚款",
    "处罚金额": "罚款",
    "微信号": "公众号",  # a bureau's WeChat account is its 微信公众号
    "罚": "处罚",
    "多少钱": "金额 万元",
    "索赔": "赔偿",
    "打官司": "诉讼 应诉",
    "被告": "应诉",
    "公文": "文件 印发",
    "发文": "印发 文件",
    "投诉": "信访 举报",
    "律师": "律师事务所 法律顾问",
    "律所": "律师事务所 法律顾问",
    "挂帅": "组长 牵头",
    "省了": "节省",
    "省钱": "节省 费用",
    "演习": "演练",
    "学法": "学法 学习",
    "培训": "培训 学习",
    "检查": "检查 巡查",
    "企业": "企业 单位",
    "查了": "查处",
    "免罚": "免予处罚 不予处罚",
    "没罚": "免予处罚 不予处罚",  # 最后没罚的案子
    "发到网上": "发布 挂网",  # 哪天发到网上的: the report's 发布日期
    "人手": "力量 人员",  # 投进去的执法人手: 出动执法力量560人次
    "官司": "诉讼 应诉",  # 打了几场行政官司: the 行政诉讼 the bureau answered (应诉)
    "新农合": "新型农村合作医疗 参合",  # the common short name
    "没办完": "正在办理",  # 还有几件没办完: those 正在办理 (not 办结: 已办结 is what is done)
    "没办结": "正在办理",
    "省区市": "省（区、市） 省(区、市) 省份",  # the reports write 21个省（区、市）
    "处理": "查处 办理",
    "办成": "完成",
    "办结": "办结 完成",
    # prices said plainly: the reports state and target them as 居民消费价格(涨幅)
    "物价": "居民消费价格 涨幅",
}
WORD = re.compile(r"[a-z][a-z-]*")


def formal(word: str) -> tuple[str, ...]:
    """The reports' words for a spoken one (案子 → 案件), none for a word they use themselves."""
    return tuple(CHINESE[word].split()) if word in CHINESE else ()


def expand(query: str) -> str:
    """Extra keyword terms in the reports' language for the question's words."""
    low = query.lower()
    extra = [zh for en, zh in ENGLISH.items() if " " in en and en in low]
    extra += [ENGLISH[w] for w in WORD.findall(low) if w in ENGLISH]
    extra += [formal for word, formal in CHINESE.items() if word in query]
    return " ".join(extra)
