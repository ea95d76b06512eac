"""The loneliness survey (実態把握調査): waves, answers, population margins, self-checks.

Privacy by construction: an answer row holds the wave, how it arrived (web,
paper, import), the day, and the answers — no account, no IP address, no session,
no time finer than the day. Invitation codes are kept as hashes and only marked
used; nothing links a code to the answer it allowed. Self-checks live in their
own table and are never counted with the survey.
"""

import hashlib
import secrets
import uuid

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Ward
from tsunagari.survey.scoring import (
    DIRECT_CHOICES,
    UCLA_CHOICES,
    band_of,
    is_at_least_sometimes,
    ucla_score,
)


class AgeBand(models.TextChoices):
    A16 = "16-19", _("16〜19歳")
    A20 = "20-29", _("20〜29歳")
    A30 = "30-39", _("30〜39歳")
    A40 = "40-49", _("40〜49歳")
    A50 = "50-59", _("50〜59歳")
    A60 = "60-69", _("60〜69歳")
    A70 = "70-79", _("70〜79歳")
    A80 = "80+", _("80歳以上")


class Sex(models.TextChoices):
    MALE = "male", _("男性")
    FEMALE = "female", _("女性")
    OTHER = "other", _("その他・答えたくない")


class Household(models.TextChoices):
    ALONE = "alone", _("ひとり暮らし")
    COUPLE = "couple", _("夫婦のみ")
    TWO_GENERATIONS = "two_gen", _("親と子")
    THREE_GENERATIONS = "three_gen", _("三世代")
    OTHER = "other", _("その他")


class Channel(models.TextChoices):
    WEB = "web", _("ウェブ")
    PAPER = "paper", _("紙の調査票")
    IMPORT = "import", _("ファイルの取り込み")


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("準備中")
    OPEN = "open", _("回答受付中")
    CLOSED = "closed", _("締め切り")


# The dimensions staff enter population margins for, and the answer field each rakes.
MARGIN_DIMENSIONS: dict[str, type[models.TextChoices]] = {
    "age_band": AgeBand,
    "sex": Sex,
    "ward": Ward,
}


def ward_choices() -> list[tuple[str, str]]:
    return [(w.value, str(w.label)) for w in Ward.sakai_wards()]


def margin_categories(dimension: str) -> list[tuple[str, str]]:
    """The categories a margin is entered for (sex has no population count for 'other')."""
    if dimension == "ward":
        return ward_choices()
    choices = MARGIN_DIMENSIONS[dimension].choices
    return [(v, str(label)) for v, label in choices if (dimension, v) != ("sex", Sex.OTHER)]


class Wave(models.Model):
    """One round of the survey, e.g. 令和8年度市民アンケート."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("調査の名前"), max_length=200)
    sampling_notes = models.TextField(
        _("標本の説明"),
        blank=True,
        help_text=_("だれに、何人に、どうやって送ったか。結果のページに表示します。"),
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    uses_codes = models.BooleanField(
        _("招待コードを使う"),
        default=False,
        help_text=_("使うときは、ウェブの回答はコード1つにつき1回だけです。"),
    )
    is_demo = models.BooleanField(_("架空のデモ"), default=False)
    created_on = models.DateField(_("作成日"), default=timezone.localdate)

    class Meta:
        verbose_name = _("調査")
        verbose_name_plural = _("調査")
        ordering = ["-created_on", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def questions_locked(self) -> bool:
        return self.status != WaveStatus.DRAFT

    def open(self) -> None:
        if self.status != WaveStatus.DRAFT:
            raise InvalidTransition(f"{self.status} -> open")
        self.status = WaveStatus.OPEN
        self.save(update_fields=["status"])

    def close(self) -> None:
        if self.status != WaveStatus.OPEN:
            raise InvalidTransition(f"{self.status} -> closed")
        self.status = WaveStatus.CLOSED
        self.save(update_fields=["status"])

    @property
    def accepts_answers(self) -> bool:
        return self.status == WaveStatus.OPEN

    def issue_codes(self, count: int) -> list[str]:
        """New invitation codes (shown once; only their hashes are kept)."""
        codes = [secrets.token_hex(4).upper() for _ in range(count)]
        InvitationCode.objects.bulk_create(
            [InvitationCode(wave=self, code_hash=InvitationCode.hash(c)) for c in codes]
        )
        return codes


class Question(models.Model):
    """An item staff add to a wave besides the fixed national ones."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("順番"), default=1)
    text = models.CharField(_("質問"), max_length=300)
    choices_text = models.TextField(_("選択肢（1行に1つ）"))

    class Meta:
        verbose_name = _("追加の質問")
        verbose_name_plural = _("追加の質問")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choices(self) -> list[str]:
        return [line.strip() for line in self.choices_text.splitlines() if line.strip()]


class InvitationCode(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("招待コード")
        verbose_name_plural = _("招待コード")

    def __str__(self) -> str:
        return self.code_hash[:8]

    @staticmethod
    def hash(code: str) -> str:
        return hashlib.sha256(code.strip().upper().encode()).hexdigest()

    @classmethod
    def redeem(cls, wave: Wave, code: str) -> bool:
        """Mark the code used; False if it is unknown or already used (safe under races)."""
        return bool(
            cls.objects.filter(wave=wave, code_hash=cls.hash(code), used=False).update(used=True)
        )


class SurveyResponse(models.Model):
    """One person's answers. No identifier of any kind (see the module docstring)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(_("回答の方法"), max_length=10, choices=Channel.choices)
    answered_on = models.DateField(_("回答日"), default=timezone.localdate)
    age_band = models.CharField(_("年齢"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("性別"), max_length=8, choices=Sex.choices, blank=True)
    ward = models.CharField(_("お住まいの区"), max_length=12, choices=ward_choices(), blank=True)
    household = models.CharField(_("世帯"), max_length=10, choices=Household.choices, blank=True)
    lonely_1 = models.PositiveSmallIntegerField(choices=UCLA_CHOICES, null=True, blank=True)
    lonely_2 = models.PositiveSmallIntegerField(choices=UCLA_CHOICES, null=True, blank=True)
    lonely_3 = models.PositiveSmallIntegerField(choices=UCLA_CHOICES, null=True, blank=True)
    direct = models.PositiveSmallIntegerField(choices=DIRECT_CHOICES, null=True, blank=True)
    extra = models.JSONField(_("追加の質問への回答"), default=dict, blank=True)

    class Meta:
        verbose_name = _("調査の回答")
        verbose_name_plural = _("調査の回答")
        indexes = [models.Index(fields=["wave", "answered_on"])]

    def __str__(self) -> str:
        return f"{self.wave} {self.answered_on}"

    @property
    def score(self) -> int | None:
        return ucla_score([self.lonely_1, self.lonely_2, self.lonely_3])

    @property
    def band(self) -> str:
        band = band_of(self.score)
        return band.code if band else ""

    @property
    def at_least_sometimes(self) -> bool | None:
        return is_at_least_sometimes(self.direct)


class Margin(models.Model):
    """A population count staff enter for one category of one raking dimension."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="margins")
    dimension = models.CharField(max_length=12, choices=[(d, d) for d in MARGIN_DIMENSIONS])
    category = models.CharField(max_length=12)
    population = models.PositiveIntegerField(_("人口"))

    class Meta:
        verbose_name = _("人口の周辺分布")
        verbose_name_plural = _("人口の周辺分布")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "dimension", "category"], name="unique_survey_margin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.category}: {self.population}"

    @classmethod
    def replace_for(cls, wave: Wave, counts: dict[str, dict[str, int]]) -> None:
        with transaction.atomic():
            Margin.objects.filter(wave=wave).delete()
            Margin.objects.bulk_create(
                [
                    Margin(wave=wave, dimension=d, category=c, population=n)
                    for d, by_category in counts.items()
                    for c, n in by_category.items()
                ]
            )


class SelfCheck(models.Model):
    """A self-check a person chose to share. A separate series: never mixed with the survey."""

    answered_on = models.DateField(_("回答日"), default=timezone.localdate)
    lonely_1 = models.PositiveSmallIntegerField(choices=UCLA_CHOICES)
    lonely_2 = models.PositiveSmallIntegerField(choices=UCLA_CHOICES)
    lonely_3 = models.PositiveSmallIntegerField(choices=UCLA_CHOICES)

    class Meta:
        verbose_name = _("セルフチェック")
        verbose_name_plural = _("セルフチェック")

    def __str__(self) -> str:
        return f"{self.answered_on}"

    @property
    def score(self) -> int | None:
        return ucla_score([self.lonely_1, self.lonely_2, self.lonely_3])
