"""Who signs in, and what they may act for: accounts, their roles in organisations and the
invitations that give those roles. ``partners`` (joining, the board) builds on these;
nothing here imports ``partners`` (docs/decisions/0041)."""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition


class User(AbstractUser):
    """A person who signs in: an organisation's member or admin, platform staff, or a system admin.

    Citizens never sign in; the public side is anonymous.
    """

    email = models.EmailField(_("メールアドレス"), unique=True)
    display_name = models.CharField(_("表示名"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("利用者アカウント")
        verbose_name_plural = _("利用者アカウント")

    def __str__(self) -> str:
        return self.display_name or self.get_username()

    @property
    def is_platform_staff(self) -> bool:
        """The city's secretariat and system administrators. The one place that says who is staff:
        every view, admin page, template and rule asks this (``core.access.is_platform_staff``)."""
        return bool(self.is_active and (self.is_staff or self.is_superuser))


class RoleKind(models.TextChoices):
    ADMIN = "admin", _("団体の管理者")
    MEMBER = "member", _("団体のメンバー")


class Role(models.Model):
    """A person acting for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(
        _("役割"), max_length=10, choices=RoleKind.choices, default=RoleKind.MEMBER
    )

    class Meta:
        verbose_name = _("団体での役割")
        verbose_name_plural = _("団体での役割")
        db_table = "partners_role"  # the table kept its name when the model moved (0041)
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
        "directory.Organization",
        verbose_name=_("団体"),
        on_delete=models.CASCADE,
        related_name="invitations",
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
        db_table = "partners_invitation"  # the table kept its name when the model moved (0041)
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
