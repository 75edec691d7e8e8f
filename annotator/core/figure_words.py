"""The vocabulary of the figure parser (no Qt): hedges, units, currencies, counted nouns, basis
words, clause ends. Data only; ``core/figures.py`` builds its expressions from these tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# approx: what the hedge says about the value
EXACT, ABOUT, UNDER, OVER, AT_LEAST, AT_MOST = "exact", "about", "under", "over", "at_least", "at_most"
APPROXES = (EXACT, ABOUT, UNDER, OVER, AT_LEAST, AT_MOST)  # every value of Figure.approx
APPROX_SIGNS = {EXACT: "", ABOUT: "≈", UNDER: "<", OVER: ">", AT_LEAST: "≥", AT_MOST: "≤"}

# hedges written before the number
ZH_BEFORE = {
    "约": ABOUT, "大约": ABOUT, "大概": ABOUT, "约合": ABOUT,
    "近": UNDER, "将近": UNDER, "接近": UNDER, "不到": UNDER, "不足": UNDER, "低于": UNDER,
    "少于": UNDER,
    "超": OVER, "超过": OVER, "逾": OVER, "高于": OVER, "多于": OVER,
    "至少": AT_LEAST, "不少于": AT_LEAST, "不低于": AT_LEAST, "最少": AT_LEAST,
    "至多": AT_MOST, "最多": AT_MOST, "不超过": AT_MOST, "不高于": AT_MOST, "不多于": AT_MOST,
}
EN_BEFORE = {
    "about": ABOUT, "around": ABOUT, "approximately": ABOUT, "roughly": ABOUT,
    "nearly": UNDER, "almost": UNDER, "under": UNDER, "less than": UNDER, "below": UNDER,
    "fewer than": UNDER,
    "more than": OVER, "over": OVER, "above": OVER,
    "at least": AT_LEAST, "no less than": AT_LEAST, "no fewer than": AT_LEAST,
    "at most": AT_MOST, "no more than": AT_MOST, "up to": AT_MOST,
}
# written right after the number or its magnitude: 3000多家, 10余万元, 1万多
ZH_PLUS = {"多": OVER, "余": OVER}
# written after the unit: 60%以上, 48小时以内, 300万元左右
ZH_AFTER = {"以上": AT_LEAST, "以内": AT_MOST, "以下": AT_MOST, "左右": ABOUT, "上下": ABOUT,
            "有余": OVER, "多": OVER}  # 多 only after 成, 年, 倍: 四成多, 3年多
EN_AFTER = {"or more": AT_LEAST, "or less": AT_MOST, "or fewer": AT_MOST}

# magnitudes written after digits in English (Chinese ones are part of the number)
EN_MAGNITUDES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                 "k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}

PERCENT, POINTS, BASIS_POINTS, TIMES = "%", "pp", "bp", "x"
ZH_UNITS = {"个百分点": POINTS, "百分点": POINTS, "个基点": BASIS_POINTS, "基点": BASIS_POINTS,
            "倍": TIMES, "%": PERCENT, "％": PERCENT}
EN_UNITS = {"percent": PERCENT, "per cent": PERCENT, "pct": PERCENT, "pc": PERCENT,
            "basis points": BASIS_POINTS, "basis point": BASIS_POINTS, "bps": BASIS_POINTS,
            "bp": BASIS_POINTS,
            "percentage points": POINTS, "percentage point": POINTS, "ppts": POINTS,
            "ppt": POINTS, "pp": POINTS, "times": TIMES, "fold": TIMES}
TENTHS = "成"  # 四成 = 40 %

# money, as ISO 4217 codes; ¥ and ￥ are read as yuan (Chinese news), never yen
CURRENCY_BEFORE = {"人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "USD": "USD", "HKD": "HKD",
                   "EUR": "EUR", "JPY": "JPY", "GBP": "GBP", "US$": "USD", "HK$": "HKD",
                   "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY"}
ZH_CURRENCY_AFTER = {"元人民币": "CNY", "元": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD",
                     "港元": "HKD", "港币": "HKD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP"}
EN_CURRENCY_AFTER = {"yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "CNY": "CNY",
                     "US dollars": "USD", "dollars": "USD", "USD": "USD",
                     "Hong Kong dollars": "HKD", "HK dollars": "HKD", "HKD": "HKD",
                     "euros": "EUR", "euro": "EUR", "EUR": "EUR", "yen": "JPY", "JPY": "JPY",
                     "pounds sterling": "GBP", "GBP": "GBP"}

# counted nouns kept as written (the unit of a count): measure words, then common nouns
ZH_NOUNS = (
    "个月", "个季度", "个小时", "个工作日", "小时", "分钟", "秒钟", "工作日", "天", "周", "星期",
    "年", "岁", "人次", "人", "名", "位", "户", "家", "个", "件", "台", "辆", "部", "款", "项",
    "次", "笔", "单", "张", "条", "份", "套", "座", "间", "栋", "架", "艘", "种", "批", "场", "轮",
    "篇", "本", "首", "枚", "颗", "例", "股", "吨", "千克", "公斤", "克", "斤", "公里",
    "千米", "平方公里", "平方米", "平米", "米", "亩", "公顷", "升", "千瓦时", "千瓦",
    "用户", "客户", "会员", "粉丝", "员工", "商家", "卖家", "买家", "消费者", "家庭", "门店", "店铺",
    "企业", "公司", "品牌", "订单", "城市", "国家",
)
EN_NOUNS = ("people", "staff", "person", "hour", "day", "week", "month", "year", "minute",
            "second", "user", "customer", "store", "shop", "merchant", "employee", "worker",
            "share", "unit", "order", "car", "vehicle", "item", "company", "firm", "brand",
            "city", "country", "household", "children", "men", "women")
# words ending in s that do not name what is counted ("5 is", "300 as")
EN_NOT_NOUNS = ("was", "has", "is", "its", "this", "thus", "as", "us", "yes", "less", "unless",
                "across", "plus", "minus", "versus", "whereas", "perhaps", "always", "towards",
                "besides", "sometimes", "afterwards", "his", "hers", "ours", "yours", "theirs",
                "does", "goes", "says", "means", "news", "rises", "falls")

# basis words: which period a change compares with
YOY, QOQ = "yoy", "qoq"
BASES = (YOY, QOQ)  # every value of Figure.basis but None
ZH_BASIS = {"同比": YOY, "比去年同期": YOY, "较去年同期": YOY, "与去年同期相比": YOY, "环比": QOQ,
            "较上季度": QOQ, "比上季度": QOQ}
EN_BASIS = {"year over year": YOY, "year-over-year": YOY, "year on year": YOY,
            "year-on-year": YOY, "yoy": YOY, "y/y": YOY, "y-o-y": YOY,
            "from a year ago": YOY, "from a year earlier": YOY, "than a year earlier": YOY,
            "from the same period last year": YOY,
            "quarter on quarter": QOQ, "quarter-on-quarter": QOQ, "quarter over quarter": QOQ,
            "quarter-over-quarter": QOQ, "qoq": QOQ, "q/q": QOQ}
# English month names: "September 30" and "30 Sept." are dates
EN_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# conjunctions that end a clause as a comma does
ZH_CONJUNCTIONS = ("而且", "但是", "然而", "并且", "同时", "以及", "此外", "而", "但")
EN_CONJUNCTIONS = ("and", "but", "while", "whereas", "although")


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first (so 超过 wins over 超); a
    space between words matches one or more spaces or no-break spaces."""
    escaped = (re.escape(w).replace("\\ ", " ").replace(" ", "[ \u00a0]+")
               for w in sorted(set(words), key=len, reverse=True))
    return "|".join(escaped)
