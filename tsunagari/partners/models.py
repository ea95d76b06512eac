"""The public–private collaboration platform (官民連携プラットフォーム).

An organisation joins by applying; platform staff approve or ask back. People
act for an organisation through a :class:`Role` (admin or member).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Organization


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
        return {cls.CITY, cls.SOCIAL_WELFARE_COUNCIL, cls.SOCIAL_WELFARE_CORP, cls.CARE_CENTER, cls.WELFARE_COMMISSIONER}


class MemberStatus(models.TextChoices):
    APPLIED = "applied", _("申し込み中")
    ASKED_BACK = "asked_back", _("事務局から確認中")
    APPROVED = "approved", _("参加中")
    DECLINED = "declined", _("見送り")
    LEFT = "left", _("退会")


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

    class Meta:
        verbose_name = _("参加団体")
        verbose_name_plural = _("参加団体")

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def is_approved(self) -> bool:
        return self.status == MemberStatus.APPROVED


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("団体の管理者")
    MEMBER = "member", _("団体のメンバー")


class Role(models.Model):
    """A person acting for an organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("役割"), max_length=10, choices=RoleKind.choices, default=RoleKind.MEMBER)

    class Meta:
        verbose_name = _("団体での役割")
        verbose_name_plural = _("団体での役割")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="unique_role")]

    def __str__(self) -> str:
        return f"{self.user} / {self.organization} ({self.get_kind_display()})"
