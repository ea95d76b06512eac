"""Membership: applying and approval. Roles and invitations are ``accounts``' (0041)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Organization, Ward
from tsunagari.directory.needs import NEEDS_BY_CODE


class Sector(models.TextChoices):
    CITY = "city", _("市役所の部局")
    SOCIAL_WELFARE_COUNCIL = "swc", _("社会福祉協議会")
    SOCIAL_WELFARE_CORP = "welfare_corp", _("社会福祉法人")
    CARE_CENTER = "care_center", _("地域包括支援センター")
    MEDICAL = "medical", _("医療機関")
    EDUCATION = "education", _("学校・教育")
    NPO = "npo", _("NPO・市民活動")
    COMPANY = "company", _("企業")
    COMMERCE = "commerce", _("商店街・商工会")
    NEIGHBORHOOD = "neighborhood", _("町会・自治会")
    WELFARE_COMMISSIONER = "commissioner", _("民生委員")
    SPORTS_CULTURE = "sports_culture", _("スポーツ・文化・芸術団体")
    COOPERATIVE = "coop", _("協同組合")
    OTHER = "other", _("その他")

    @classmethod
    def welfare(cls) -> set["Sector"]:
        """Sectors whose main work is welfare; the Act wants members beyond them."""
        return {
            cls.CITY,
            cls.SOCIAL_WELFARE_COUNCIL,
            cls.SOCIAL_WELFARE_CORP,
            cls.CARE_CENTER,
            cls.WELFARE_COMMISSIONER,
        }


def need_labels(codes: list[str]) -> list[str]:
    return [str(NEEDS_BY_CODE[c].label) for c in codes if c in NEEDS_BY_CODE]


def ward_labels(codes: list[str]) -> list[str]:
    labels = dict(Ward.choices)
    return [str(labels[c]) for c in codes if c in labels]


class MemberStatus(models.TextChoices):
    APPLIED = "applied", _("申し込み中")
    ASKED_BACK = "asked_back", _("事務局から確認中")
    APPROVED = "approved", _("参加中")
    DECLINED = "declined", _("見送り")
    LEFT = "left", _("退会")


class MemberQuerySet(models.QuerySet["Member"]):
    def approved(self) -> "MemberQuerySet":
        return self.filter(status=MemberStatus.APPROVED)


class Member(models.Model):
    """An organisation's place on the platform: its application and, once approved, its membership."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="member"
    )
    sector = models.CharField(_("分野"), max_length=20, choices=Sector.choices)
    status = models.CharField(
        _("参加の状態"), max_length=12, choices=MemberStatus.choices, default=MemberStatus.APPLIED
    )
    applied_at = models.DateTimeField(_("申し込み日時"), default=timezone.now)
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    needs = models.JSONField(_("活動している分野（お悩みのコード）"), default=list, blank=True)
    wards = models.JSONField(_("活動している区"), default=list, blank=True)
    contact_name = models.CharField(_("担当者の名前"), max_length=100, blank=True)
    contact_email = models.EmailField(_("担当者のメールアドレス"), blank=True)
    contact_public = models.BooleanField(
        _("連絡先を参加団体一覧に出す"),
        default=False,
        help_text=_("出さない場合は、団体名と活動だけを公開します。"),
    )
    can_offer = models.TextField(_("できること"), max_length=1000, blank=True)
    looking_for = models.TextField(
        _("してほしいこと・さがしていること"), max_length=1000, blank=True
    )
    staff_message = models.TextField(_("事務局からの確認事項"), max_length=1000, blank=True)
    applicant_answer = models.TextField(_("確認事項への団体の回答"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("回答した日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("決定した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    logo = models.FileField(
        _("ロゴ"),
        upload_to="logos/",
        blank=True,
        help_text=_("PNG・JPEG・WebP、500KBまで。ファイルの中身を確かめてから保存します。"),
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("参加団体")
        verbose_name_plural = _("参加団体")
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def is_approved(self) -> bool:
        return self.status == MemberStatus.APPROVED

    @property
    def is_welfare(self) -> bool:
        return self.sector in Sector.welfare()

    def need_labels(self) -> list[str]:
        return need_labels(self.needs)

    def ward_labels(self) -> list[str]:
        return ward_labels(self.wards)

    def _move(self, allowed_from: set[str], to: str, by: Any) -> None:
        if self.status not in allowed_from:
            raise InvalidTransition(f"{self.status} → {to}")
        self.status = to
        self.decided_at = timezone.now()
        self.decided_by = by if by is not None and by.is_authenticated else None
        self.save(update_fields=["status", "decided_at", "decided_by"])

    def approve(self, *, by: Any) -> None:
        self._move({MemberStatus.APPLIED, MemberStatus.ASKED_BACK}, MemberStatus.APPROVED, by)

    def ask_back(self, *, by: Any, message: str) -> None:
        if self.status != MemberStatus.APPLIED:
            raise InvalidTransition(f"{self.status} → asked_back")
        self.staff_message = message
        self.save(update_fields=["staff_message"])
        self._move({MemberStatus.APPLIED}, MemberStatus.ASKED_BACK, by)

    def answer(self, *, text: str) -> None:
        """The applicant answers the staff's questions on the web page: asked back → applied."""
        if self.status != MemberStatus.ASKED_BACK:
            raise InvalidTransition(f"{self.status} → applied (answer)")
        if not text.strip():
            raise ValueError("an answer needs text")
        self.applicant_answer = text
        self.answered_at = timezone.now()
        self.status = MemberStatus.APPLIED
        self.save(update_fields=["applicant_answer", "answered_at", "status"])

    def decline(self, *, by: Any) -> None:
        self._move({MemberStatus.APPLIED, MemberStatus.ASKED_BACK}, MemberStatus.DECLINED, by)

    def leave(self, *, by: Any) -> None:
        self._move({MemberStatus.APPROVED}, MemberStatus.LEFT, by)
