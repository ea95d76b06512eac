"""The need codes: the navigator's contract (../shared/spec/needs.md).

Codes are stable identifiers used by APIs, exports and evaluation. Labels are
plain Japanese; ``covers`` says what a need is about, for staff and tagging.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Need:
    code: str
    label: str | Promise
    covers: str


NEEDS: list[Need] = [
    Need(
        "connection",
        _("孤独・つながり・居場所"),
        "さみしい、話す相手がいない、友だちや居場所がほしい、サロン、カフェ、趣味やボランティアの集まり",
    ),
    Need("mental", _("こころの不調"), "気分の落ち込み、不安、眠れない、ストレス、パニック"),
    Need("suicide", _("死にたい気持ち"), "死にたい気持ち、自分を傷つける、薬の飲みすぎ"),
    Need("money", _("お金・生活"), "生活が苦しい、借金、給付、食べもの、料金が払えない"),
    Need("work", _("仕事"), "失業、仕事さがし、職場のトラブル、ハラスメント、給料の未払い"),
    Need("housing", _("住まい"), "家を失う、住む場所がない、住まいさがし"),
    Need("parenting", _("妊娠・出産・子育て"), "妊娠、出産、子育て、ひとり親"),
    Need("child", _("こども・学校"), "いじめ、不登校、こども自身の悩み、ヤングケアラー"),
    Need("youth", _("若者"), "15〜39歳くらい、生きづらさ、仕事も学校もしていない"),
    Need("hikikomori", _("ひきこもり"), "ひきこもり、8050"),
    Need("elderly", _("高齢・介護・認知症"), "介護、認知症、ひとり暮らしの高齢者、見守り"),
    Need("disability", _("障害"), "障害、発達障害、手帳"),
    Need("health", _("病気・医療"), "病気、医療費、難病"),
    Need("abuse", _("暴力・虐待"), "DV、こどもへの虐待、高齢者への虐待、性暴力"),
    Need("family", _("家族・人間関係・死別"), "家族の不和、離婚、死別"),
    Need("legal", _("法律・消費者トラブル"), "詐欺、契約、相続、無料の法律相談"),
    Need("foreign", _("外国人の暮らし"), "ことば、在留資格、日本での暮らし"),
    Need("crime", _("犯罪被害・立ち直り"), "犯罪の被害、ストーカー、非行、刑務所を出た人"),
    Need("addiction", _("依存症"), "お酒、ギャンブル、薬物、ゲーム"),
    Need("lgbtq", _("性のあり方"), "性的指向、性自認"),
    Need("disaster", _("災害"), "避難の不安、災害の被害"),
]

NEED_CODES = [need.code for need in NEEDS]
NEEDS_BY_CODE = {need.code: need for need in NEEDS}
CRISIS_NEED = "suicide"

CHANNELS: list[tuple[str, str | Promise]] = [
    ("phone", _("電話")),
    ("chat", _("チャット")),
    ("sns", _("SNS")),
    ("visit", _("窓口に行く")),
    ("mail", _("メール・手紙")),
    ("in_person", _("訪問してもらう")),
]

AUDIENCES: list[tuple[str, str | Promise]] = [
    ("anyone", _("どなたでも")),
    ("child", _("こども（〜18歳）")),
    ("youth", _("若者（15〜39歳）")),
    ("adult", _("おとな")),
    ("elderly", _("高齢の方（65歳〜）")),
    ("family", _("家族・まわりの人")),
    ("supporter", _("支援者")),
    ("women", _("女性")),
    ("foreign", _("外国人")),
]
