"""Notices and meetings from the secretariat, and members' attendance answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Organization
from tsunagari.partners.models.membership import Member, MemberQuerySet, Sector


class NoticeKind(models.TextChoices):
    NEWS = "news", _("お知らせ")
    MEETING = "meeting", _("会議・分科会・研修")


class Notice(models.Model):
    """News or a meeting notice from the secretariat to all members or one sector."""

    kind = models.CharField(
        _("種類"), max_length=10, choices=NoticeKind.choices, default=NoticeKind.NEWS
    )
    title = models.CharField(_("題名"), max_length=150)
    body = models.TextField(_("本文"), max_length=5000)
    sector = models.CharField(
        _("送る相手の分野"),
        max_length=20,
        choices=Sector.choices,
        blank=True,
        help_text=_("空のときは、すべての参加団体に送ります。"),
    )
    is_public = models.BooleanField(
        _("一般にも公開する"),
        default=False,
        help_text=_("公開すると、お知らせのフィード（Atom）にも載ります。"),
    )
    starts_at = models.DateTimeField(_("会議の日時"), null=True, blank=True)
    place = models.CharField(_("会場"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("掲載日時"), default=timezone.now)

    class Meta:
        verbose_name = _("事務局からのお知らせ")
        verbose_name_plural = _("事務局からのお知らせ")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_meeting(self) -> bool:
        return self.kind == NoticeKind.MEETING

    def audience(self) -> MemberQuerySet:
        members = Member.objects.approved()
        return members.filter(sector=self.sector) if self.sector else members

    def reaches(self, organization: Organization) -> bool:
        return self.audience().filter(organization=organization).exists()


class AttendanceAnswer(models.TextChoices):
    ATTEND = "attend", _("出席します")
    ABSENT = "absent", _("欠席します")
    UNDECIDED = "undecided", _("未定です")


class Attendance(models.Model):
    """An organisation's answer to a meeting notice."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attendances")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="attendances"
    )
    answer = models.CharField(_("出欠"), max_length=10, choices=AttendanceAnswer.choices)
    people = models.PositiveSmallIntegerField(_("人数"), default=1)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("回答日時"), default=timezone.now)

    class Meta:
        verbose_name = _("出欠")
        verbose_name_plural = _("出欠")
        constraints = [
            models.UniqueConstraint(fields=["notice", "organization"], name="unique_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.get_answer_display()}"
