"""Sub-needs for guided mode: dotted codes (``money.debt``) under the need codes.

A sub-need narrows what the person picked and may bring a second need with it
(debt → money and legal). Services are tagged with need codes only, so a
sub-need ranks through the needs it names, first one first.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.needs import NEEDS_BY_CODE


@dataclass(frozen=True)
class SubNeed:
    code: str  # "money.debt"
    label: str | Promise
    needs: tuple[str, ...]  # need codes it ranks by, the first is its parent

    @property
    def parent(self) -> str:
        return self.code.split(".", 1)[0]


SUBNEEDS: list[SubNeed] = [
    SubNeed("connection.talk", _("話し相手がほしい"), ("connection",)),
    SubNeed("connection.place", _("気軽に行ける居場所・集まり"), ("connection",)),
    SubNeed("connection.volunteer", _("ボランティアや地域の活動"), ("connection",)),
    SubNeed("mental.anxiety", _("不安・落ちこみ"), ("mental",)),
    SubNeed("mental.sleep", _("眠れない"), ("mental", "health")),
    SubNeed("mental.clinic", _("病院やカウンセリングを知りたい"), ("mental", "health")),
    SubNeed("suicide.self", _("死にたい気持ちがある"), ("suicide", "mental")),
    SubNeed("suicide.someone", _("まわりの人が心配"), ("suicide", "mental")),
    SubNeed("money.living", _("生活費・食べもの"), ("money",)),
    SubNeed("money.debt", _("借金・ローン"), ("money", "legal")),
    SubNeed("money.bills", _("家賃や料金が払えない"), ("money", "housing")),
    SubNeed("money.benefits", _("給付・手当を知りたい"), ("money",)),
    SubNeed("work.lost", _("仕事を失った"), ("work", "money")),
    SubNeed("work.search", _("仕事をさがしたい"), ("work",)),
    SubNeed("work.trouble", _("職場のいやがらせ・ハラスメント"), ("work", "mental")),
    SubNeed("work.wages", _("給料が払われない"), ("work", "legal")),
    SubNeed("housing.losing", _("家を出なければならない"), ("housing", "money")),
    SubNeed("housing.none", _("今夜泊まるところがない"), ("housing",)),
    SubNeed("housing.search", _("住まいをさがしたい"), ("housing",)),
    SubNeed("parenting.pregnancy", _("妊娠・出産"), ("parenting", "health")),
    SubNeed("parenting.baby", _("赤ちゃん・小さいこどもの子育て"), ("parenting",)),
    SubNeed("parenting.single", _("ひとり親"), ("parenting", "money")),
    SubNeed("child.bullying", _("いじめ"), ("child",)),
    SubNeed("child.school", _("学校に行けない・行きたくない"), ("child",)),
    SubNeed("child.carer", _("家族の世話をしている（ヤングケアラー）"), ("child", "youth")),
    SubNeed("youth.lost", _("生きづらさ・これからが見えない"), ("youth", "mental")),
    SubNeed("youth.neet", _("仕事も学校もしていない"), ("youth", "work")),
    SubNeed("hikikomori.self", _("自分がひきこもっている"), ("hikikomori",)),
    SubNeed("hikikomori.family", _("家族がひきこもっている"), ("hikikomori", "family")),
    SubNeed("elderly.care", _("介護"), ("elderly",)),
    SubNeed("elderly.dementia", _("認知症・もの忘れ"), ("elderly", "health")),
    SubNeed("elderly.alone", _("ひとり暮らしの高齢者・見守り"), ("elderly", "connection")),
    SubNeed("disability.development", _("発達障害"), ("disability",)),
    SubNeed("disability.certificate", _("障害者手帳・福祉サービス"), ("disability",)),
    SubNeed("disability.work", _("障害があって働きたい"), ("disability", "work")),
    SubNeed("health.illness", _("病気・治療"), ("health",)),
    SubNeed("health.costs", _("医療費が心配"), ("health", "money")),
    SubNeed("abuse.dv", _("パートナーからの暴力（DV）"), ("abuse",)),
    SubNeed("abuse.child", _("こどもへの虐待"), ("abuse", "child")),
    SubNeed("abuse.sexual", _("性暴力・性被害"), ("abuse", "crime")),
    SubNeed("family.conflict", _("家族の不和・離婚"), ("family",)),
    SubNeed("family.grief", _("大切な人を亡くした"), ("family", "mental")),
    SubNeed("legal.scam", _("詐欺・悪質な業者"), ("legal", "crime")),
    SubNeed("legal.inheritance", _("相続・手続き"), ("legal", "family")),
    SubNeed("legal.advice", _("無料の法律相談"), ("legal",)),
    SubNeed("foreign.language", _("日本語がわからない"), ("foreign",)),
    SubNeed("foreign.status", _("在留資格・ビザ"), ("foreign", "legal")),
    SubNeed("crime.victim", _("犯罪の被害にあった"), ("crime",)),
    SubNeed("crime.stalking", _("つきまとい・ストーカー"), ("crime", "abuse")),
    SubNeed("crime.rehab", _("立ち直り・出所後の生活"), ("crime", "work")),
    SubNeed("addiction.alcohol", _("お酒"), ("addiction",)),
    SubNeed("addiction.gambling", _("ギャンブル"), ("addiction", "money")),
    SubNeed("addiction.gaming", _("ゲーム・スマホ"), ("addiction",)),
    SubNeed("lgbtq.self", _("自分の性のあり方"), ("lgbtq",)),
    SubNeed("lgbtq.family", _("家族や職場でのこと"), ("lgbtq", "family")),
    SubNeed("disaster.evacuation", _("避難が不安"), ("disaster",)),
    SubNeed("disaster.damage", _("災害で被害を受けた"), ("disaster", "housing")),
]

SUBNEEDS_BY_CODE = {sub.code: sub for sub in SUBNEEDS}


def subneeds_of(code: str) -> list[SubNeed]:
    return [sub for sub in SUBNEEDS if sub.parent == code]


def expand(codes: list[str]) -> list[str]:
    """Chosen need and sub-need codes → need codes to rank by, most important first."""
    out: list[str] = []
    for code in codes:
        sub = SUBNEEDS_BY_CODE.get(code)
        for need in sub.needs if sub else (code,):
            if need in NEEDS_BY_CODE and need not in out:
                out.append(need)
    return out


def label(code: str) -> str:
    """「お金・生活（借金・ローン）」 for a sub-need, the need's label for a need."""
    sub = SUBNEEDS_BY_CODE.get(code)
    if sub is None:
        return str(NEEDS_BY_CODE[code].label) if code in NEEDS_BY_CODE else code
    return f"{NEEDS_BY_CODE[sub.parent].label}（{sub.label}）"
