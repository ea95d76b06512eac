"""Something a person can use (HSDS service), and its taxonomy links."""

import calendar
import uuid
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.hours import OpeningStatus, opening_status
from tsunagari.directory.models.base import Provenance, Ward
from tsunagari.directory.models.organization import Organization
from tsunagari.directory.models.taxonomy import Taxonomy, TaxonomyTerm
from tsunagari.directory.municipalities import default_for_area, validate_code


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("受付中")
    INACTIVE = "inactive", _("休止中")
    DEFUNCT = "defunct", _("終了")
    TEMPORARILY_CLOSED = "temporarily closed", _("一時休止")


class ReviewStatus(models.TextChoices):
    """Whether a listing is shown publicly. New listings from members wait for staff review."""

    PUBLISHED = "published", _("公開中")
    PENDING = "pending", _("確認待ち")
    REJECTED = "rejected", _("差し戻し")


# The only moves of a listing's review (docs/decisions/0024): name → (from, to).
REVIEW_MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    "approve": ((ReviewStatus.PENDING,), ReviewStatus.PUBLISHED),
    "send_back": ((ReviewStatus.PENDING,), ReviewStatus.REJECTED),
    "resubmit": ((ReviewStatus.REJECTED,), ReviewStatus.PENDING),
}


class ServiceKind(models.TextChoices):
    """What a person can do with a listing: contact it, or read about it."""

    DESK = "desk", _("相談できる窓口")
    SCHEME = "scheme", _("読んで知る制度")


# Ways to reach a desk (codes of needs.CHANNELS). A web page alone is something to read.
CONTACT_CHANNELS = frozenset({"phone", "chat", "sns", "visit", "mail", "in_person"})


def kind_for(*, phones: int, channels: set[str], places: int, email: str) -> str:
    """The one rule for :attr:`Service.kind`: a listing a person can contact — by phone,
    chat or SNS, at a place to visit, or by mail — is a desk; anything else is a scheme.

    Pure, so that the data migration that filled ``kind`` uses the same rule."""
    if phones or channels & CONTACT_CHANNELS or places or email:
        return ServiceKind.DESK
    return ServiceKind.SCHEME


def real_unless_demo_mode(organization: str = "organization") -> models.Q:
    """Demo organisations (``is_demo``) and all they publish stay hidden from the public
    unless ``DEMO_MODE`` is on. ``organization`` is the lookup path to the Organization."""
    if settings.DEMO_MODE:
        return models.Q()
    return models.Q(**{f"{organization}__is_demo": False})


class Area(models.TextChoices):
    NATIONAL = "national", _("全国")
    PREFECTURE = "prefecture", _("大阪府")
    CITY = "city", _("堺市全域")
    WARD = "ward", _("区")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# A listing is confirmed once a year; three months past that, visitors are warned.
OUTDATED_AFTER_MONTHS = 15


class ServiceQuerySet(models.QuerySet["Service"]):
    def public(self, today: date | None = None) -> "ServiceQuerySet":
        """Listings a visitor may see: running (not retired, end date not passed), accepted
        by staff, and real (demo organisations only in ``DEMO_MODE``). Every public page,
        the navigator's index, search and exports start here."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=today),
            real_unless_demo_mode(),
            status=ServiceStatus.ACTIVE,
            review_status=ReviewStatus.PUBLISHED,
        )

    def retired(self, today: date | None = None) -> "ServiceQuerySet":
        """Listings that ended: retired by a person, or past their end date."""
        today = today or timezone.localdate()
        return self.filter(models.Q(status=ServiceStatus.DEFUNCT) | models.Q(end_date__lt=today))

    def stale(self, today: date, months: int = 12) -> "ServiceQuerySet":
        """Listings nobody has checked for ``months`` months (or ever)."""
        cutoff = months_before(today, months)
        return self.filter(models.Q(assured_date__isnull=True) | models.Q(assured_date__lt=cutoff))

    def possibly_outdated(self, today: date) -> "ServiceQuerySet":
        """Listings nobody confirmed for 15 months; never-confirmed ones count from creation."""
        cutoff = months_before(today, OUTDATED_AFTER_MONTHS)
        never_checked_and_old = models.Q(assured_date__isnull=True, created_at__date__lt=cutoff)
        return self.filter(models.Q(assured_date__lt=cutoff) | never_checked_and_old)


class Service(Provenance):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("相談先の名前"), max_length=200)
    alternate_name = models.CharField(_("別名"), max_length=200, blank=True)
    description = models.TextField(_("どんな相談先か"), blank=True)
    url = models.URLField(_("ウェブサイト"), blank=True, max_length=500)
    email = models.EmailField(_("メールアドレス"), blank=True)
    status = models.CharField(
        _("状態"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    review_status = models.CharField(
        _("公開の状態"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PUBLISHED
    )
    interpretation_services = models.TextField(_("通訳"), blank=True)
    application_process = models.TextField(_("相談・申し込みのしかた"), blank=True)
    fees_description = models.TextField(_("費用"), blank=True)
    eligibility_description = models.TextField(_("対象となる人"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("対象の最低年齢"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("対象の最高年齢"), null=True, blank=True)
    assured_date = models.DateField(_("確認日"), null=True, blank=True)
    assurer_email = models.EmailField(_("確認した人のメール"), blank=True)
    alert = models.TextField(_("お知らせ"), blank=True)
    area = models.CharField(_("対象地域"), max_length=12, choices=Area.choices, default=Area.CITY)
    ward = models.CharField(_("区"), max_length=12, choices=Ward.choices, blank=True)
    municipality = models.CharField(
        _("自治体コード"),
        max_length=6,
        blank=True,
        db_index=True,
        validators=[validate_code],
        help_text=_(
            "全国地方公共団体コード（例: 堺市は271403、大阪府は270008）。"
            "空のままなら対象地域から決まり、全国の相談先は空のまま、すべての自治体で共有されます。"
        ),
    )
    hours_text = models.TextField(
        _("受付時間（出典の表記）"), blank=True, help_text=_("出典に書かれたままの受付時間。")
    )
    closes_on_public_holidays = models.BooleanField(_("祝日は休み"), default=False)
    closes_over_new_year = models.BooleanField(_("年末年始（12/29〜1/3）は休み"), default=False)
    terms: "models.ManyToManyField[TaxonomyTerm, Attribute]" = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("分類"),
        through="Attribute",
        related_name="services",
        blank=True,
    )
    contact_text = models.TextField(
        _("問い合わせ先（出典の表記）"),
        blank=True,
        help_text=_("出典に書かれたままの問い合わせ先。"),
    )
    source_note = models.TextField(
        _("出典についてのメモ（職員向け）"),
        blank=True,
        help_text=_("取り込んだファイルのメモのまま。何を確かめ、何がまだかが書かれています。"),
    )
    contact_pending = models.BooleanField(
        _("連絡先は確認中"),
        default=False,
        help_text=_("名前は公開されているが、電話番号・住所・受付時間をまだ確かめていない相談先。"),
    )
    contact_check_url = models.URLField(_("連絡先を確かめられるページ"), blank=True, max_length=500)
    kind = models.CharField(
        _("種類"),
        max_length=10,
        choices=ServiceKind.choices,
        default=ServiceKind.SCHEME,
        help_text=_("電話・チャット・SNS・窓口・郵便で連絡できれば窓口、そうでなければ制度。"),
    )
    end_date = models.DateField(
        _("終了日"),
        null=True,
        blank=True,
        help_text=_("この日を過ぎると、どの公開ページにも出なくなります。"),
    )
    retired_reason = models.TextField(_("終了の理由"), blank=True)
    import_key = models.CharField(
        _("取り込みのキー"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_(
            "取り込みファイルの行と相談先を結びつけるキー。取り込みをやり直しても重複しません。"
        ),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("相談先")
        verbose_name_plural = _("相談先")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "review_status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),
                name="unique_service_import_key",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        """A listing saved without a municipality takes the one its area implies
        (:func:`~tsunagari.directory.municipalities.default_for_area`); national ones none."""
        if not self.municipality and self.area != Area.NATIONAL:
            self.municipality = default_for_area(self.area)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "municipality"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    # Codes are read from ``self.terms.all()`` in Python so that
    # ``prefetch_related("terms")`` serves a whole list without extra queries.
    def _codes(self, taxonomy: str) -> list[str]:
        return sorted(term.code for term in self.terms.all() if term.taxonomy == taxonomy)

    @property
    def need_codes(self) -> list[str]:
        return self._codes(Taxonomy.NEED)

    @property
    def channel_codes(self) -> list[str]:
        return self._codes(Taxonomy.CHANNEL)

    @property
    def audience_codes(self) -> list[str]:
        return self._codes(Taxonomy.AUDIENCE)

    def opening_status(self, at: datetime | None = None) -> OpeningStatus:
        """Open now? From the (prefetchable) schedule rows, in Asia/Tokyo."""
        return opening_status(
            self.schedules.all(),
            at,
            closes_on_public_holidays=self.closes_on_public_holidays,
            closes_over_new_year=self.closes_over_new_year,
        )

    @property
    def checked_on(self) -> date:
        """The day the listing was last checked; never-checked listings count from creation."""
        return self.assured_date or timezone.localdate(self.created_at)

    def is_possibly_outdated(self, today: date | None = None) -> bool:
        """Nobody confirmed the listing for 15 months: show 「情報が古い可能性があります」."""
        today = today or timezone.localdate()
        return self.checked_on < months_before(today, OUTDATED_AFTER_MONTHS)

    def mark_verified(self, *, by_email: str = "", today: date | None = None) -> None:
        """A person checked this listing today: record the day (HSDS assured_date)."""
        if self.status == ServiceStatus.DEFUNCT:
            raise ValueError(gettext("終了した相談先は確認済みにできません。"))
        self.assured_date = today or timezone.localdate()
        self.assurer_email = by_email
        self.needs_reverification = False
        self.save(
            update_fields=["assured_date", "assurer_email", "needs_reverification", "updated_at"]
        )

    # --- review (a state machine: only these moves, each refusing the wrong starting state) ---

    def _review_move(self, name: str) -> str:
        allowed_from, to = REVIEW_MOVES[name]
        if self.review_status not in allowed_from:
            raise InvalidTransition(f"cannot {name} a listing that is {self.review_status}")
        before = self.review_status
        self.review_status = to
        self.save(update_fields=["review_status", "updated_at"])
        return before

    def approve_review(self) -> str:
        """Staff accept a pending listing: pending → published. Returns the state before."""
        return self._review_move("approve")

    def send_back_review(self) -> str:
        """Staff ask the owner to correct a pending listing: pending → rejected."""
        return self._review_move("send_back")

    def resubmit_review(self) -> str:
        """The owner corrected a sent-back listing: rejected → pending."""
        return self._review_move("resubmit")

    def retire(self, reason: str = "") -> None:
        """The service has ended: keep the record, stop showing it."""
        if self.status == ServiceStatus.DEFUNCT:
            raise ValueError(gettext("この相談先はすでに終了しています。"))
        self.status = ServiceStatus.DEFUNCT
        self.retired_reason = reason
        self.save(update_fields=["status", "retired_reason", "updated_at"])

    @property
    def is_demo(self) -> bool:
        return self.organization.is_demo

    def decide_kind(self) -> str:
        """Desk or scheme, by :func:`kind_for`, from the (prefetchable) related rows."""
        return kind_for(
            phones=sum(1 for phone in self.phones.all() if phone.type != "fax"),
            channels=set(self.channel_codes),
            places=len(self.service_at_locations.all()),
            email=self.email,
        )

    def refresh_kind(self) -> None:
        """Store :meth:`decide_kind`. Call after changing phones, channels or places."""
        kind = self.decide_kind()
        if kind != self.kind:
            self.kind = kind
            self.save(update_fields=["kind", "updated_at"])


class Attribute(models.Model):
    """Links a service to a taxonomy term (HSDS attribute)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    value = models.CharField(_("値"), max_length=200, blank=True)
    label = models.CharField(_("ラベル"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("分類づけ")
        verbose_name_plural = _("分類づけ")
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="unique_service_term")
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.taxonomy_term}"
