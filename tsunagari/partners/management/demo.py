"""The demo set: obviously fictional organisations so the platform can be shown without pretending.

Every name starts with 「（デモ）」, every record is marked ``is_demo``, there are
no phone numbers or street addresses at all, and mail addresses use the
reserved ``example.org`` domain. ``remove_demo`` deletes all of it at once.
"""

from typing import Any

from tsunagari.partners.models import Sector

DEMO_PREFIX = "（デモ）"
DEMO_NOTICE_PREFIX = "（デモ）"

# name → (sector, need codes, wards, description, can offer, looking for)
DEMO_ORGANIZATIONS: dict[str, dict[str, Any]] = {
    "（デモ）ひだまりの会": {
        "sector": Sector.NPO,
        "needs": ["connection", "elderly"],
        "wards": ["sakai", "naka"],
        "description": "（デモ）高齢の方のサロンを開いている、説明用の架空の団体です。",
        "can_offer": "サロンの運営の経験を伝えられます。",
        "looking_for": "サロンの会場を貸してくれるところ",
    },
    "（デモ）まちの食卓ネットワーク": {
        "sector": Sector.NPO,
        "needs": ["connection", "money", "child"],
        "wards": ["kita", "higashi"],
        "description": "（デモ）こども食堂をつなぐ、説明用の架空のネットワークです。",
        "can_offer": "食材の分け方のノウハウ",
        "looking_for": "食材の提供、配達のボランティア",
    },
    "（デモ）○○町会": {
        "sector": Sector.NEIGHBORHOOD,
        "needs": ["connection", "elderly", "disaster"],
        "wards": ["mihara"],
        "description": "（デモ）地域の見守りをしている、説明用の架空の町会です。",
        "can_offer": "集会所を貸せます。",
        "looking_for": "若い世代の参加",
    },
    "（デモ）さかい○○商店会": {
        "sector": Sector.COMMERCE,
        "needs": ["connection", "elderly"],
        "wards": ["sakai"],
        "description": "（デモ）商店街の架空の商店会です。",
        "can_offer": "空き店舗を集まりの場所に使えます。",
        "looking_for": "空き店舗を使ってくれる団体",
    },
    "（デモ）○○フーズ株式会社": {
        "sector": Sector.COMPANY,
        "needs": ["money", "connection"],
        "wards": ["nishi", "kita"],
        "description": "（デモ）食品をあつかう架空の会社です。",
        "can_offer": "賞味期限の近い食品を寄付できます。",
        "looking_for": "食品を届けられる団体",
    },
    "（デモ）○○社会福祉協議会 地区事務所": {
        "sector": Sector.SOCIAL_WELFARE_COUNCIL,
        "needs": ["connection", "elderly", "money"],
        "wards": ["naka"],
        "description": "（デモ）説明用の架空の事務所です。実在の社会福祉協議会とは関係ありません。",
        "can_offer": "ボランティアの募集のお手伝い",
        "looking_for": "福祉以外の分野の仲間",
    },
    "（デモ）○○地域包括支援センター": {
        "sector": Sector.CARE_CENTER,
        "needs": ["elderly", "family"],
        "wards": ["minami"],
        "description": "（デモ）説明用の架空のセンターです。",
        "can_offer": "認知症の理解を深める講座",
        "looking_for": "認知症カフェの会場",
    },
    "（デモ）○○卓球クラブ": {
        "sector": Sector.SPORTS_CULTURE,
        "needs": ["connection", "youth", "elderly"],
        "wards": ["minami", "higashi"],
        "description": "（デモ）だれでも参加できる架空の卓球クラブです。",
        "can_offer": "体を動かす集まりをいっしょに開けます。",
        "looking_for": "広報のお手伝い",
    },
    "（デモ）○○中学校 PTA": {
        "sector": Sector.EDUCATION,
        "needs": ["child", "parenting"],
        "wards": ["nishi"],
        "description": "（デモ）説明用の架空のPTAです。",
        "can_offer": "会報に地域の集まりを載せられます。",
        "looking_for": "こどもの居場所の情報",
    },
    "（デモ）○○生活協同組合": {
        "sector": Sector.COOPERATIVE,
        "needs": ["money", "elderly"],
        "wards": ["kita", "mihara"],
        "description": "（デモ）説明用の架空の協同組合です。",
        "can_offer": "配達のついでの見守り",
        "looking_for": "見守りで気づいたことのつなぎ先",
    },
}

# (organisation, kind, title, needs, wards)
DEMO_OFFERS = [
    (
        "（デモ）さかい○○商店会",
        "venue",
        "（デモ）空き店舗を週に2日お貸しします",
        ["connection"],
        ["sakai"],
    ),
    (
        "（デモ）○○フーズ株式会社",
        "food",
        "（デモ）食品の寄付（月に1回）",
        ["money"],
        ["nishi", "kita"],
    ),
    (
        "（デモ）○○中学校 PTA",
        "newsletter",
        "（デモ）PTA会報の地域のお知らせ欄",
        ["child", "parenting"],
        ["nishi"],
    ),
    (
        "（デモ）○○卓球クラブ",
        "volunteers",
        "（デモ）体操の進行役を出せます",
        ["connection", "elderly"],
        ["minami"],
    ),
    ("（デモ）○○町会", "venue", "（デモ）集会所（平日の昼）", ["connection"], ["mihara"]),
]
DEMO_REQUESTS = [
    (
        "（デモ）ひだまりの会",
        "venue",
        "（デモ）サロンの会場をさがしています",
        ["connection", "elderly"],
        ["sakai"],
    ),
    (
        "（デモ）まちの食卓ネットワーク",
        "food",
        "（デモ）こども食堂の食材",
        ["money", "child"],
        ["kita"],
    ),
    (
        "（デモ）○○地域包括支援センター",
        "venue",
        "（デモ）認知症カフェの会場",
        ["elderly"],
        ["minami"],
    ),
    (
        "（デモ）○○社会福祉協議会 地区事務所",
        "expertise",
        "（デモ）若い人に届く広報の知恵",
        ["connection", "youth"],
        ["naka"],
    ),
]
DEMO_PARTNERSHIPS = [
    ("（デモ）ひだまりの会", "（デモ）さかい○○商店会"),
    ("（デモ）まちの食卓ネットワーク", "（デモ）○○フーズ株式会社"),
    ("（デモ）○○地域包括支援センター", "（デモ）○○卓球クラブ"),
    ("（デモ）○○社会福祉協議会 地区事務所", "（デモ）○○町会"),
]
DEMO_NOTICE = {
    "title": "（デモ）官民連携プラットフォーム 交流会のお知らせ",
    "body": "（デモ）これは説明用の架空のお知らせです。実際の交流会ではありません。",
}
