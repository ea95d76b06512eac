"""Urgent situations besides suicide: what to do now, and whom to call.

A situation is recognised in :mod:`.text` (the words are in ``lexicon/urgent.tsv``;
the learned reader adds what the words miss). Each opens the answer with a panel
that says in one sentence what to do now, the emergency numbers that fit, and the
sourced lines of ``lexicon/urgent_lines.tsv`` — never a number typed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagari.core.crisis import CrisisLine, sourced_line
from tsunagari.directory.models import Ward


@dataclass(frozen=True)
class Situation:
    code: str
    title: str | Promise
    what_to_do: str | Promise
    call_119: bool = False  # an ambulance or fire engine may be needed
    call_110: bool = False  # the police may be needed
    needs: tuple[str, ...] = ()  # the needs the situation is about, for the desks after the panel


SITUATIONS: list[Situation] = [
    Situation(
        "disaster_now",
        _("いま避難が必要なとき"),
        _(
            "命を守ることを一番にしてください。動けないとき、取り残されたときは119番で助けを呼んでください。"
        ),
        call_119=True,
        needs=("disaster",),
    ),
    Situation(
        "elder_emergency",
        _("高齢の方が倒れている・いなくなったとき"),
        _(
            "倒れている、返事がないときはすぐ119番へ。いなくなったときは110番で警察に探してもらえます。"
        ),
        call_119=True,
        call_110=True,
        needs=("elderly", "health"),
    ),
    Situation(
        "violence_now",
        _("いま暴力を受けている・こわいとき"),
        _("危ないときは、すぐに110番へ。安全な場所に逃げてから、下の窓口に相談できます。"),
        call_110=True,
        needs=("abuse", "family"),
    ),
    Situation(
        "child_harm_risk",
        _("こどもに手をあげてしまいそうなとき"),
        _(
            "まず、こどもを安全な場所において、少し離れて深呼吸してください。189番は24時間、親からの相談も聞きます。"
        ),
        needs=("parenting", "abuse"),
    ),
    Situation(
        "child_cannot_go_home",
        _("家に帰れない・帰りたくないとき"),
        _("ひとりで夜を過ごさないで、下の番号に電話してください。危ないときは110番へ。"),
        call_110=True,
        needs=("child", "abuse"),
    ),
    Situation(
        "scam_now",
        _("いま詐欺にあっているかもしれないとき"),
        _(
            "お金を振り込んだり渡したりする前に、電話を切ってください。お金を取りに来る、と言われたら110番へ。"
        ),
        call_110=True,
        needs=("legal",),
    ),
    Situation(
        "sexual_harm_now",
        _("性被害にあった・避妊に失敗したとき"),
        _(
            "妊娠を防ぐ薬（緊急避妊薬）は、早く飲むほど効きます（72時間以内）。今日のうちに、下の窓口か産婦人科に相談してください。"
        ),
        needs=("parenting", "abuse", "health"),
    ),
    Situation(
        "no_shelter_tonight",
        _("今夜ねる場所がないとき"),
        _(
            "区役所の生活援護課（生活保護の窓口）に、今日のうちに相談してください。泊まる場所を一緒にさがします。"
        ),
        needs=("housing", "money"),
    ),
    Situation(
        "no_food_today",
        _("今日食べるものがないとき"),
        _(
            "区役所の生活援護課（生活保護の窓口）に、今日のうちに相談してください。がまんしなくていいことです。"
        ),
        needs=("money",),
    ),
]
SITUATION_CODES = [s.code for s in SITUATIONS]
SITUATIONS_BY_CODE = {s.code: s for s in SITUATIONS}
WARD_PLACEHOLDER = "〈区〉"
WARD_NAME_PLACEHOLDER = "〈区名〉"


@dataclass(frozen=True)
class UrgentPanel:
    situation: Situation
    lines: tuple[CrisisLine, ...]


def line_names(name: str, ward: str) -> list[str]:
    """The sourced names a line of urgent_lines.tsv stands for (each ward's, with no ward)."""
    if WARD_PLACEHOLDER not in name and WARD_NAME_PLACEHOLDER not in name:
        return [name]
    wards = [Ward(ward)] if ward else list(Ward.sakai_wards())
    out = []
    for w in wards:
        label = str(w.label)
        out.append(
            name.replace(WARD_PLACEHOLDER, label).replace(
                WARD_NAME_PLACEHOLDER, label.removesuffix("区")
            )
        )
    return out


def panels(codes: list[str] | tuple[str, ...], ward: str = "") -> list[UrgentPanel]:
    """The panels for the recognised situations, in the order of :data:`SITUATIONS`."""
    from tsunagari.navigator.lexicon import urgent_lines

    table = urgent_lines()
    out = []
    for situation in SITUATIONS:
        if situation.code not in codes:
            continue
        lines: list[CrisisLine] = []
        for name in table.get(situation.code, ()):
            for resolved in line_names(name, ward):
                line = sourced_line(resolved)
                if line is not None and line not in lines:
                    lines.append(line)
        out.append(UrgentPanel(situation, tuple(lines)))
    return out
