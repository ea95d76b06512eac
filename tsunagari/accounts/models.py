from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
