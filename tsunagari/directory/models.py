"""The support directory, shaped after Open Referral HSDS 3.1.

Field names follow HSDS so that an HSDS export is a mapping, not a rewrite.
Every record that states a fact (a number, an address, an opening hour) carries
where that fact came from and when (:class:`Provenance`).
"""

import calendar
import uuid
from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.hours import OpeningStatus, opening_status


class Ward(models.TextChoices):
    SAKAI = "sakai", _("堺区")
    NAKA = "naka", _("中区")
    HIGASHI = "higashi", _("東区")
    NISHI = "nishi", _("西区")
    MINAMI = "minami", _("南区")
    KITA = "kita", _("北区")
    MIHARA = "mihara", _("美原区")
    OUTSIDE = "outside", _("市外")
    NATIONWIDE = "nationwide", _("全国")

    @classmethod
    def sakai_wards(cls) -> list["Ward"]:
        return [w for w in cls if w not in (cls.OUTSIDE, cls.NATIONWIDE)]


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("運営者または行政のページで確認")
    SECONDARY = "secondary", _("第三者のページで確認")
    UNVERIFIED = "unverified", _("確認中")


class Provenance(models.Model):
    """Where a record's facts came from. Abstract: every directory record has it."""

    source_name = models.CharField(_("出典"), max_length=300, blank=True)
    source_url = models.CharField(_("出典のアドレス"), max_length=500, blank=True)
    source_date = models.CharField(
        _("出典の日付"),
        max_length=20,
        blank=True,
        help_text=_("出典に書かれた日付。年だけのこともあります。"),
    )
    confidence = models.CharField(
        _("確かさ"), max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    needs_reverification = models.BooleanField(_("再確認が必要"), default=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True


class Organization(Provenance):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("団体名"), max_length=200)
    alternate_name = models.CharField(_("別名"), max_length=200, blank=True)
    description = models.TextField(_("団体の紹介"), blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    legal_status = models.CharField(_("法人格"), max_length=100, blank=True)
    parent_organization = models.ForeignKey(
        "self", verbose_name=_("上部団体"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_demo = models.BooleanField(
        _("デモ用"),
        default=False,
        help_text=_("説明用の架空の団体。`remove_demo` でまとめて消せます。"),
    )

    class Meta:
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Taxonomy(models.TextChoices):
    NEED = "need", _("お悩み")
    AUDIENCE = "audience", _("対象")
    CHANNEL = "channel", _("相談方法")


class TaxonomyTerm(models.Model):
    """A need code (../shared/spec/needs.md), an audience or a contact channel."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.CharField(_("分類"), max_length=20, choices=Taxonomy.choices)
    code = models.CharField(_("コード"), max_length=50)
    name = models.CharField(_("名前"), max_length=100)
    description = models.TextField(_("説明"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("親"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    language = models.CharField(_("言語"), max_length=10, default="ja")
    position = models.PositiveSmallIntegerField(_("並び順"), default=0)

    class Meta:
        verbose_name = _("分類の用語")
        verbose_name_plural = _("分類の用語")
        ordering = ["taxonomy", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code")
        ]

    def __str__(self) -> str:
        return self.name


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


class ServiceQuerySet(models.QuerySet["Service"]):
    def public(self) -> "ServiceQuerySet":
        """Listings a visitor may see: running, and accepted by staff."""
        return self.filter(status=ServiceStatus.ACTIVE, review_status=ReviewStatus.PUBLISHED)

    def stale(self, today: date, months: int = 12) -> "ServiceQuerySet":
        """Listings nobody has checked for ``months`` months (or ever)."""
        cutoff = months_before(today, months)
        return self.filter(models.Q(assured_date__isnull=True) | models.Q(assured_date__lt=cutoff))


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
    contact_pending = models.BooleanField(
        _("連絡先は確認中"),
        default=False,
        help_text=_("名前は公開されているが、電話番号・住所・受付時間をまだ確かめていない相談先。"),
    )
    contact_check_url = models.URLField(_("連絡先を確かめられるページ"), blank=True, max_length=500)
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
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),
                name="unique_service_import_key",
            )
        ]

    def __str__(self) -> str:
        return self.name

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

    def retire(self) -> None:
        """The service has ended: keep the record, stop showing it."""
        if self.status == ServiceStatus.DEFUNCT:
            raise ValueError(gettext("この相談先はすでに終了しています。"))
        self.status = ServiceStatus.DEFUNCT
        self.save(update_fields=["status", "updated_at"])


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


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("建物")
    POSTAL = "postal", _("郵送先")
    VIRTUAL = "virtual", _("オンライン")


class Location(Provenance):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("団体"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="locations",
    )
    location_type = models.CharField(
        _("種類"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.URLField(_("ウェブサイト"), blank=True)
    name = models.CharField(_("場所の名前"), max_length=200)
    alternate_name = models.CharField(_("別名"), max_length=200, blank=True)
    description = models.TextField(_("説明"), blank=True)
    transportation = models.TextField(_("行き方"), blank=True)
    latitude = models.DecimalField(_("緯度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("経度"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("場所")
        verbose_name_plural = _("場所")

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(_("宛先"), max_length=200, blank=True)
    address_1 = models.CharField(_("住所"), max_length=300)
    address_2 = models.CharField(_("建物名など"), max_length=300, blank=True)
    city = models.CharField(_("市区町村"), max_length=100, blank=True)
    region = models.CharField(_("地域"), max_length=100, blank=True)
    state_province = models.CharField(_("都道府県"), max_length=100, blank=True)
    postal_code = models.CharField(_("郵便番号"), max_length=10, blank=True)
    country = models.CharField(_("国"), max_length=2, default="JP")
    address_type = models.CharField(
        _("種類"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    ward = models.CharField(_("区"), max_length=12, choices=Ward.choices, blank=True)

    class Meta:
        verbose_name = _("住所")
        verbose_name_plural = _("住所")

    def __str__(self) -> str:
        return f"{self.state_province}{self.city}{self.address_1}"


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("説明"), blank=True)

    class Meta:
        verbose_name = _("相談先の場所")
        verbose_name_plural = _("相談先の場所")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="unique_service_location")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("名前"), max_length=200, blank=True)
    title = models.CharField(_("役職"), max_length=200, blank=True)
    department = models.CharField(_("部署"), max_length=200, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)

    class Meta:
        verbose_name = _("担当者")
        verbose_name_plural = _("担当者")

    def __str__(self) -> str:
        return self.name or self.department


class PhoneType(models.TextChoices):
    VOICE = "voice", _("電話")
    FAX = "fax", _("ファクス")
    TEXT = "text", _("ショートメッセージ")
    TEXTPHONE = "textphone", _("文字電話")
    VIDEO = "video", _("ビデオ通話")


class Phone(Provenance):
    """A number a person can call. Only ever from a sourced file: never typed from memory."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("番号"), max_length=40)
    extension = models.CharField(_("内線"), max_length=20, blank=True)
    type = models.CharField(
        _("種類"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.TextField(_("説明"), blank=True)

    class Meta:
        verbose_name = _("電話番号")
        verbose_name_plural = _("電話番号")

    def __str__(self) -> str:
        return self.number


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("毎週")
    MONTHLY = "MONTHLY", _("毎月")


class Schedule(models.Model):
    """When a service can be reached (HSDS schedule, RFC 5545 style rules).

    A row with ``is_closure`` set says the service is *closed* on the matching
    days between ``valid_from`` and ``valid_to`` (a holiday row). ``closes_at``
    at or before ``opens_at`` means the period runs past midnight; 00:00–00:00
    means all day.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(_("適用開始日"), null=True, blank=True)
    valid_to = models.DateField(_("適用終了日"), null=True, blank=True)
    freq = models.CharField(
        _("くり返し"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(_("間隔"), default=1)
    byday = models.CharField(
        _("曜日"),
        max_length=60,
        blank=True,
        help_text=_("例: MO,TU,WE,TH,FR。毎月の第2土曜は 2SA。"),
    )
    bymonthday = models.CharField(
        _("日付"), max_length=60, blank=True, help_text=_("毎月の日付。例: 10")
    )
    opens_at = models.TimeField(_("開始時刻"), null=True, blank=True)
    closes_at = models.TimeField(_("終了時刻"), null=True, blank=True)
    is_closure = models.BooleanField(_("休みの日の行"), default=False)
    description = models.TextField(_("説明"), blank=True)
    notes = models.TextField(_("備考"), blank=True)

    class Meta:
        verbose_name = _("受付時間")
        verbose_name_plural = _("受付時間")

    def __str__(self) -> str:
        return (
            self.description
            or f"{self.freq} {self.byday}{self.bymonthday} {self.opens_at}-{self.closes_at}"
        )


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(_("言語"), max_length=100)
    code = models.CharField(_("言語コード"), max_length=10, blank=True)
    note = models.TextField(_("備考"), blank=True)

    class Meta:
        verbose_name = _("対応言語")
        verbose_name_plural = _("対応言語")

    def __str__(self) -> str:
        return self.name


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(_("バリアフリー"), blank=True)
    details = models.TextField(_("くわしく"), blank=True)
    url = models.URLField(_("くわしい情報"), blank=True)

    class Meta:
        verbose_name = _("バリアフリー情報")
        verbose_name_plural = _("バリアフリー情報")

    def __str__(self) -> str:
        return self.description
