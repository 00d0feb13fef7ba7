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
    "violation": "违法", "violations": "违法 违法行为", "illegal": "违法", "case": "案件", "cases": "案件",
    "penalty": "处罚", "penalties": "处罚", "punish": "处罚", "punished": "处罚", "fine": "罚款 处罚金额",
    "fines": "罚款 处罚金额", "fined": "罚款", "amount": "金额", "drill": "演练", "drills": "演练",
    "exercise": "演练", "emergency": "应急", "complaint": "信访 投诉", "complaints": "信访 投诉 举报",
    "petition": "信访", "petitions": "信访", "tip": "举报", "tips": "举报", "hotline": "热线 12369",
    "grid": "网格", "clue": "线索", "clues": "线索", "enforcement": "执法", "inspection": "检查",
    "inspections": "检查", "inspect": "检查", "air": "空气", "quality": "质量", "index": "指数",
    "lawyer": "律师", "law firm": "律师事务所", "adviser": "法律顾问", "advisor": "法律顾问", "counsel": "法律顾问",
    "training": "培训", "trainings": "培训", "study": "学习", "studies": "学习", "session": "学习", "sessions": "学习",
    "permit": "许可", "permits": "许可 排污许可", "license": "许可", "approval": "审批", "approvals": "审批",
    "document": "文件", "documents": "文件", "issued": "印发", "regulation": "规定", "regulatory": "规范性文件",
    "reconsideration": "行政复议", "litigation": "诉讼 应诉", "lawsuit": "诉讼 应诉", "lawsuits": "诉讼 应诉",
    "sued": "应诉 被告", "court": "法院", "compensation": "赔偿", "damage": "损害", "damages": "损害 赔偿",
    "enterprise": "企业", "enterprises": "企业", "company": "企业", "companies": "企业", "firms": "企业",
    "investigate": "查处", "investigated": "查处", "handled": "查处 办理", "handle": "查处 办理",
    "rule": "法治", "law": "法治 法律", "legal": "法律 法治", "publicity": "宣传 普法", "awareness": "宣传 普法",
    "education": "宣传教育 普法", "pollution": "污染", "water": "水", "waste": "废物 危废", "hazardous": "危险废物",
    "emission": "排放 排污", "emissions": "排放 排污", "monitoring": "监测 监控", "online": "在线 网上",
    "assessment": "评价 环评", "eia": "环评 环境影响评价", "impact": "影响", "priorities": "重点",
    "next": "下一步 下阶段", "plan": "计划 安排", "plans": "计划 安排", "shortcomings": "不足 问题",
    "problems": "问题 不足", "weaknesses": "不足", "disclosure": "公开", "transparency": "公开 公示",
    "credit": "信用", "reform": "改革", "supervision": "监督", "oversight": "监督", "leader": "领导",
    "leaders": "领导 领导干部", "officials": "干部", "staff": "干部职工", "decision": "决策", "decisions": "决策",
    "rate": "率", "percentage": "比例 率", "reduction": "降幅 减少", "decrease": "降幅 下降", "saved": "节省",
    "save": "节省", "cost": "费用 成本", "costs": "费用 成本", "reports": "举报", "received": "受理 接到 收到",
}
# Colloquial Chinese → the reports' formal terms.
CHINESE = {
    "案子": "案件", "罚了": "处罚 罚款", "罚款": "处罚金额 罚款", "罚": "处罚", "多少钱": "金额 万元",
    "索赔": "赔偿", "打官司": "诉讼 应诉", "被告": "应诉", "告": "诉讼", "公文": "文件 印发", "发文": "印发 文件",
    "投诉": "信访 举报", "律师": "律师事务所 法律顾问", "省了": "节省", "省钱": "节省 费用", "演习": "演练",
    "学法": "学法 学习", "培训": "培训 学习", "检查": "检查 巡查", "企业": "企业 单位", "查了": "查处",
    "处理": "查处 办理", "办成": "完成", "办结": "办结 完成",
}
WORD = re.compile(r"[a-z][a-z-]*")


def expand(query: str) -> str:
    """Extra keyword terms in the reports' language for the question's words."""
    low = query.lower()
    extra = [zh for en, zh in ENGLISH.items() if " " in en and en in low]
    extra += [ENGLISH[w] for w in WORD.findall(low) if w in ENGLISH]
    extra += [formal for word, formal in CHINESE.items() if word in query]
    return " ".join(extra)
