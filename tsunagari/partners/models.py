"""The public–private collaboration platform (官民連携プラットフォーム).

An organisation joins by applying; platform staff approve, ask back or decline.
People act for an organisation through a :class:`Role` (admin or member), which
they get by accepting an :class:`Invitation`. Members post what they can give
(:class:`Offer`) and what they need (:class:`Request`), ask each other for contact
(:class:`ContactRequest`) and, once the other side accepts, work together as a
recorded :class:`Partnership`. Staff send :class:`Notice` s (news, meetings) and
members answer attendance.

State changes go through explicit transition methods; a forbidden move raises
:class:`InvalidTransition` and changes nothing.
"""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Organization, Ward
from tsunagari.directory.needs import NEEDS_BY_CODE


class InvalidTransition(ValueError):
    """A state change that the workflow does not allow from the current state."""


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
        default=True,
        help_text=_("出さない場合は、団体名と活動だけを公開します。"),
    )
    can_offer = models.TextField(_("できること"), max_length=1000, blank=True)
    looking_for = models.TextField(
        _("してほしいこと・さがしていること"), max_length=1000, blank=True
    )
    staff_message = models.TextField(_("事務局からの確認事項"), max_length=1000, blank=True)
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

    def decline(self, *, by: Any) -> None:
        self._move({MemberStatus.APPLIED, MemberStatus.ASKED_BACK}, MemberStatus.DECLINED, by)

    def leave(self, *, by: Any) -> None:
        self._move({MemberStatus.APPROVED}, MemberStatus.LEFT, by)


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("団体の管理者")
    MEMBER = "member", _("団体のメンバー")


class Role(models.Model):
    """A person acting for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(
        _("役割"), max_length=10, choices=RoleKind.choices, default=RoleKind.MEMBER
    )

    class Meta:
        verbose_name = _("団体での役割")
        verbose_name_plural = _("団体での役割")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="unique_role")]

    def __str__(self) -> str:
        return f"{self.user} / {self.organization} ({self.get_kind_display()})"


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mailed link that lets a person take a role in an organisation.

    Only a hash of the token is stored, so a copy of the database cannot be used
    to accept someone else's invitation.
    """

    VALID_DAYS = 14

    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("招待するメールアドレス"))
    kind = models.CharField(
        _("役割"), max_length=10, choices=RoleKind.choices, default=RoleKind.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    expires_at = models.DateTimeField(_("有効期限"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受けた日時"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("招待")
        verbose_name_plural = _("招待")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    def issue(self) -> str:
        """Make a fresh token (invalidating any earlier one) and return it for the e-mail."""
        if self.accepted_at:
            raise InvalidTransition("already accepted")
        token = secrets.token_urlsafe(32)
        self.token_hash = _hash_token(token)
        self.expires_at = timezone.now() + timedelta(days=self.VALID_DAYS)
        self.save(update_fields=["token_hash", "expires_at"])
        return token

    @classmethod
    def usable(cls, token: str) -> "Invitation | None":
        if not token:
            return None
        return (
            cls.objects.filter(
                token_hash=_hash_token(token),
                accepted_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("organization__member")
            .first()
        )

    def accept(self, *, user: Any) -> Role:
        if self.accepted_at or not self.expires_at or self.expires_at <= timezone.now():
            raise InvalidTransition("invitation not usable")
        role, created = Role.objects.get_or_create(
            user=user, organization=self.organization, defaults={"kind": self.kind}
        )
        if not created and self.kind == RoleKind.ADMIN and role.kind != RoleKind.ADMIN:
            role.kind = RoleKind.ADMIN
            role.save(update_fields=["kind"])
        self.accepted_at = timezone.now()
        self.accepted_by = user
        self.token_hash = ""
        self.save(update_fields=["accepted_at", "accepted_by", "token_hash"])
        return role


class PostingKind(models.TextChoices):
    VENUE = "venue", _("場所")
    VOLUNTEERS = "volunteers", _("人手・ボランティア")
    FOOD = "food", _("食べもの")
    EXPERTISE = "expertise", _("専門の知識")
    NEWSLETTER = "newsletter", _("広報・会報への掲載")
    OTHER = "other", _("その他")


class Posting(models.Model):
    """What an organisation can give or needs. Abstract: see Offer and Request."""

    organization = models.ForeignKey(Organization, verbose_name=_("団体"), on_delete=models.CASCADE)
    kind = models.CharField(_("種類"), max_length=12, choices=PostingKind.choices)
    title = models.CharField(_("ひとことで"), max_length=100)
    description = models.TextField(_("くわしく"), max_length=2000, blank=True)
    needs = models.JSONField(_("関係するお悩み"), default=list, blank=True)
    wards = models.JSONField(_("区"), default=list, blank=True)
    is_open = models.BooleanField(_("募集中"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def need_labels(self) -> list[str]:
        return need_labels(self.needs)

    def ward_labels(self) -> list[str]:
        return ward_labels(self.wards)

    def close(self) -> None:
        if not self.is_open:
            raise InvalidTransition("already closed")
        self.is_open = False
        self.save(update_fields=["is_open"])

    def reopen(self) -> None:
        if self.is_open:
            raise InvalidTransition("already open")
        self.is_open = True
        self.save(update_fields=["is_open"])


class Offer(Posting):
    """できること: something a member can give (a room, hands, food, know-how, space in a newsletter)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="offers"
    )

    class Meta(Posting.Meta):
        verbose_name = _("できること")
        verbose_name_plural = _("できること")


class Request(Posting):
    """してほしいこと: something a member needs from others."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="requests"
    )

    class Meta(Posting.Meta):
        verbose_name = _("してほしいこと")
        verbose_name_plural = _("してほしいこと")


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("返事待ち")
    ACCEPTED = "accepted", _("つながりました")
    DECLINED = "declined", _("今回は見送り")


class ContactRequest(models.Model):
    """One member asking another to get in touch, usually about an offer or a request."""

    from_organization = models.ForeignKey(
        Organization,
        verbose_name=_("送った団体"),
        on_delete=models.CASCADE,
        related_name="contacts_sent",
    )
    to_organization = models.ForeignKey(
        Organization,
        verbose_name=_("受けた団体"),
        on_delete=models.CASCADE,
        related_name="contacts_received",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("メッセージ"), max_length=2000)
    status = models.CharField(
        _("状態"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    created_at = models.DateTimeField(_("送った日時"), default=timezone.now)
    decided_at = models.DateTimeField(_("返事の日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("連絡のお願い")
        verbose_name_plural = _("連絡のお願い")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.from_organization} → {self.to_organization}"

    def accept(self, *, by: Any) -> "Partnership":
        if self.status != ContactStatus.PENDING:
            raise InvalidTransition(f"{self.status} → accepted")
        self.status = ContactStatus.ACCEPTED
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])
        return Partnership.record(
            self.from_organization, self.to_organization, contact_request=self
        )

    def decline(self, *, by: Any) -> None:
        if self.status != ContactStatus.PENDING:
            raise InvalidTransition(f"{self.status} → declined")
        self.status = ContactStatus.DECLINED
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def involving(self, organization: Organization) -> "PartnershipQuerySet":
        return self.filter(Q(organization_a=organization) | Q(organization_b=organization))


class Partnership(models.Model):
    """Two members that work together. Stored once per pair (a's id sorts before b's)."""

    organization_a = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    organization_b = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    contact_request = models.ForeignKey(
        ContactRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("つながった日時"), default=timezone.now)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("連携")
        verbose_name_plural = _("連携")
        constraints = [
            models.UniqueConstraint(
                fields=["organization_a", "organization_b"], name="unique_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_a} ⇔ {self.organization_b}"

    @classmethod
    def record(
        cls,
        one: Organization,
        other: Organization,
        *,
        contact_request: ContactRequest | None = None,
    ) -> "Partnership":
        a, b = sorted([one, other], key=lambda org: str(org.pk))
        partnership, _created = cls.objects.get_or_create(
            organization_a=a, organization_b=b, defaults={"contact_request": contact_request}
        )
        return partnership

    def other(self, organization: Organization) -> Organization:
        return (
            self.organization_b
            if self.organization_a_id == organization.pk
            else self.organization_a
        )


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
