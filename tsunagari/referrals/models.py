"""つなぎ (referrals): handing a person from one organisation to another's service, with consent.

The person's details are encrypted (``sensitive``); everything else here — which
service, which organisations, the state and its history — is the *fact* of the
referral, which stays when the person withdraws their consent and the details
are erased. The lifecycle follows FHIR's referral Task: sent → acknowledged →
contacted → connected, or ended with a reason. Each move is a method that checks
where it may come from, writes a :class:`ReferralEvent` and an access record.
"""

import hashlib
import hmac
import secrets
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.text import join_list
from tsunagari.core.transitions import InvalidTransition
from tsunagari.council.models import CaseSource
from tsunagari.council.services import CaseDetails
from tsunagari.directory.models import Organization, Service
from tsunagari.sensitive.crypto import keyring
from tsunagari.sensitive.fields import EncryptedTextField
from tsunagari.sensitive.models import AccessRecord, SensitiveModel


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("送った")
    ACKNOWLEDGED = "acknowledged", _("受けた")
    CONTACTED = "contacted", _("連絡がついた")
    CONNECTED = "connected", _("支援につながった")
    UNREACHABLE = "unreachable", _("連絡がつかない")
    NOT_ELIGIBLE = "not_eligible", _("対象外")
    NO_CAPACITY = "no_capacity", _("受け入れられない（空きがない）")
    DECLINED = "declined", _("本人が希望しない")
    REFERRED_ON = "referred_on", _("ほかへつないだ")
    WITHDRAWN = "withdrawn", _("取り下げた")

    @classmethod
    def open(cls) -> list[str]:
        return [cls.SENT, cls.ACKNOWLEDGED, cls.CONTACTED]

    @classmethod
    def endings(cls) -> list[str]:
        """Ways the receiving side can end a referral (besides connecting the person)."""
        return [cls.UNREACHABLE, cls.NOT_ELIGIBLE, cls.NO_CAPACITY, cls.DECLINED, cls.REFERRED_ON]


# Where each move may come from. Withdrawal is the sender's; all others the receiver's.
ALLOWED_FROM: dict[str, set[str]] = {
    ReferralStatus.ACKNOWLEDGED: {ReferralStatus.SENT},
    ReferralStatus.CONTACTED: {ReferralStatus.ACKNOWLEDGED},
    ReferralStatus.CONNECTED: {ReferralStatus.CONTACTED},
    ReferralStatus.UNREACHABLE: {ReferralStatus.ACKNOWLEDGED},
    ReferralStatus.NOT_ELIGIBLE: {ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED},
    ReferralStatus.NO_CAPACITY: {ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED},
    ReferralStatus.DECLINED: {ReferralStatus.ACKNOWLEDGED, ReferralStatus.CONTACTED},
    ReferralStatus.REFERRED_ON: {ReferralStatus.ACKNOWLEDGED, ReferralStatus.CONTACTED},
    ReferralStatus.WITHDRAWN: set(ReferralStatus.open()),
}
# Endings that need a reason written down (a refusal must say why, to the sender).
NEEDS_REASON = {
    ReferralStatus.NOT_ELIGIBLE,
    ReferralStatus.NO_CAPACITY,
    ReferralStatus.WITHDRAWN,
}


class Source(models.TextChoices):
    MEMBER = "member", _("参加団体から")
    SELF = "self", _("本人から（ナビ）")


class ConsentMethod(models.TextChoices):
    SPOKEN = "spoken", _("口頭で")
    WRITTEN = "written", _("書面で")
    ONLINE = "online", _("オンラインで")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("ふつう")
    SOON = "soon", _("早めに")
    URGENT = "urgent", _("急ぎ")


class Language(models.TextChoices):
    JA = "ja", _("日本語")
    EASY_JA = "ja-easy", _("やさしい日本語")
    EN = "en", _("英語")
    ZH = "zh", _("中国語")
    KO = "ko", _("韓国語")
    VI = "vi", _("ベトナム語")
    TL = "tl", _("タガログ語")
    PT = "pt", _("ポルトガル語")
    NE = "ne", _("ネパール語")
    OTHER = "other", _("その他")


class SharedItem(models.TextChoices):
    """What the person allowed to be passed on."""

    NAME = "name", _("名前・呼び方")
    CONTACT = "contact", _("連絡のしかたと時間")
    NEEDS = "needs", _("困りごとの種類")
    NOTE = "note", _("ひとことメモ")
    NAVIGATOR_TEXT = "navigator_text", _("ナビに書いた内容")


REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def normalise_for_matching(text: str) -> str:
    """Fold width, case, spaces and hyphens so 「ヤマダ　ハナコ」 and 「ﾔﾏﾀﾞﾊﾅｺ」 meet."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "@")


def match_key(*, name: str, contact: str) -> str:
    """A keyed hash (the sensitive app's blind index, HMAC-SHA256) of the normalised name
    and contact: two referrals of the same person can be compared without keeping either
    in plain text. Empty when both are empty."""
    name_part, contact_part = normalise_for_matching(name), normalise_for_matching(contact)
    if not name_part and not contact_part:
        return ""
    return keyring().blind_index(f"{name_part}\x1f{contact_part}", "referral-person")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ReferralQuerySet(models.QuerySet["Referral"]):
    def open(self) -> "ReferralQuerySet":
        return self.filter(status__in=ReferralStatus.open())

    def visible_to(self, user: Any) -> "ReferralQuerySet":
        """Referrals the user's organisations sent or received, and for platform staff the
        relayed ones (receiver not a member). Everyone else: none."""
        from tsunagari.partners.access import is_platform_staff, organizations_for

        if not user.is_authenticated:
            return self.none()
        own = organizations_for(user)
        seen = Q(from_organization__in=own) | Q(to_organization__in=own, relayed=False)
        if is_platform_staff(user):
            seen |= Q(relayed=True)
        return self.filter(seen)


class Referral(SensitiveModel):
    """One person handed to one service. Personal details are encrypted fields."""

    # The receiver can take a referral to the regional council (council.services.case_open_from).
    council_source_kind: str = CaseSource.REFERRAL

    reference = models.CharField(
        _("参照番号"), max_length=9, unique=True, default=new_reference, editable=False
    )
    source = models.CharField(
        _("どこから"), max_length=10, choices=Source.choices, default=Source.MEMBER
    )
    service = models.ForeignKey(
        Service, verbose_name=_("相談先"), on_delete=models.PROTECT, related_name="referrals"
    )
    to_organization = models.ForeignKey(
        Organization,
        verbose_name=_("受ける団体"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    relayed = models.BooleanField(
        _("事務局が取り次ぐ"),
        default=False,
        help_text=_("受ける団体が参加団体でないときは、事務局が受けて窓口へ取り次ぎます。"),
    )
    from_organization = models.ForeignKey(
        Organization,
        verbose_name=_("送った団体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("送った人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状態"), max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )

    # The person's minimum details — encrypted, erased when consent is withdrawn.
    person_name = EncryptedTextField(_("名前・呼び方"), blank=True)
    contact_how = EncryptedTextField(_("連絡のしかた"), blank=True)
    contact_when = EncryptedTextField(_("連絡してよい時間"), blank=True)
    note = EncryptedTextField(_("ひとことメモ"), blank=True)
    navigator_text = EncryptedTextField(_("ナビに書いた内容"), blank=True)
    # Not identifying on their own; cleared with the details all the same.
    language = models.CharField(
        _("ことば"), max_length=10, choices=Language.choices, default=Language.JA, blank=True
    )
    needs = models.JSONField(_("困りごと（お悩みのコード）"), default=list, blank=True)
    urgency = models.CharField(
        _("急ぎかどうか"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    match_key = models.CharField(max_length=64, blank=True, editable=False)

    sent_at = models.DateTimeField(_("送った日時"), default=timezone.now)
    ack_due_at = models.DateTimeField(_("受ける期限"))
    remind_at = models.DateTimeField(_("催促する日時"))
    reminded_at = models.DateTimeField(_("催促した日時"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("事務局に知らせた日時"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("受けた日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("終わった日時"), null=True, blank=True)
    outcome_reason = models.CharField(_("理由"), max_length=300, blank=True)
    next_referral = models.ForeignKey(
        "self",
        verbose_name=_("つないだ先のつなぎ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="previous",
    )
    erased_at = models.DateTimeField(_("個人の情報を消した日時"), null=True, blank=True)
    council_at = models.DateTimeField(_("協議会のケースにした日時"), null=True, blank=True)

    # Self-referrals: the secret status link (only its hash) and the form's one-time key.
    status_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    status_link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("つなぎ")
        verbose_name_plural = _("つなぎ")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "match_key"],
                condition=Q(status__in=["sent", "acknowledged", "contacted"]) & ~Q(match_key=""),
                name="one_open_referral_per_person_and_service",
            ),
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~Q(submission_key=""),
                name="unique_referral_submission_key",
            ),
        ]
        indexes = [models.Index(fields=["status", "remind_at"])]

    def __str__(self) -> str:
        return f"{self.reference} → {self.service}"

    # ------------------------------------------------------------ facts

    @property
    def is_open(self) -> bool:
        return self.status in ReferralStatus.open()

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def need_labels(self) -> list[str]:
        from tsunagari.partners.models import need_labels

        return need_labels(self.needs)

    def hours_to_acknowledge(self) -> float | None:
        if self.acknowledged_at is None:
            return None
        return (self.acknowledged_at - self.sent_at).total_seconds() / 3600

    # ------------------------------------------------------------ the status link

    def issue_status_token(self, *, valid_days: int) -> str:
        token = secrets.token_urlsafe(24)
        self.status_token_hash = hash_token(token)
        self.status_link_expires_at = timezone.now() + timedelta(days=valid_days)
        return token

    def status_token_matches(self, token: str) -> bool:
        if not self.status_token_hash or not token:
            return False
        return hmac.compare_digest(self.status_token_hash, hash_token(token))

    def status_link_expired(self, now: datetime | None = None) -> bool:
        expires = self.status_link_expires_at
        return expires is None or expires <= (now or timezone.now())

    # ------------------------------------------------------------ moves

    def move(
        self, to: str, *, by: Any, reason: str = "", next_referral: "Referral | None" = None
    ) -> "ReferralEvent":
        """The one way to change the state. Raises InvalidTransition (nothing saved)."""
        if to not in ALLOWED_FROM or self.status not in ALLOWED_FROM[to]:
            raise InvalidTransition(f"{self.status} → {to}")
        reason = reason.strip()
        if to in NEEDS_REASON and not reason:
            raise InvalidTransition(f"{to} needs a reason")
        if to == ReferralStatus.REFERRED_ON and next_referral is None:
            raise InvalidTransition("referred on needs the next referral")
        now = timezone.now()
        event = ReferralEvent.objects.create(
            referral=self,
            kind=EventKind.MOVED,
            actor=by if by is not None and by.is_authenticated else None,
            from_status=self.status,
            to_status=to,
            reason=reason,
        )
        self.status = to
        if to == ReferralStatus.ACKNOWLEDGED:
            self.acknowledged_at = now
        if to not in ReferralStatus.open():
            self.closed_at = now
            self.outcome_reason = reason[:300]
        if next_referral is not None:
            self.next_referral = next_referral
        self.save(
            update_fields=[
                "status",
                "acknowledged_at",
                "closed_at",
                "outcome_reason",
                "next_referral",
            ]
        )
        AccessRecord.log_change(actor=by, obj=self, action="状態変更", detail=to)
        return event

    def acknowledge(self, *, by: Any, reason: str = "") -> "ReferralEvent":
        return self.move(ReferralStatus.ACKNOWLEDGED, by=by, reason=reason)

    def record_contact(self, *, by: Any, reason: str = "") -> "ReferralEvent":
        return self.move(ReferralStatus.CONTACTED, by=by, reason=reason)

    def connect(self, *, by: Any, reason: str = "") -> "ReferralEvent":
        return self.move(ReferralStatus.CONNECTED, by=by, reason=reason)

    def end(
        self, outcome: str, *, by: Any, reason: str = "", next_referral: "Referral | None" = None
    ) -> "ReferralEvent":
        if outcome not in ReferralStatus.endings():
            raise InvalidTransition(f"{outcome} is not an ending")
        return self.move(outcome, by=by, reason=reason, next_referral=next_referral)

    def withdraw(self, *, by: Any, reason: str) -> "ReferralEvent":
        return self.move(ReferralStatus.WITHDRAWN, by=by, reason=reason)

    def withdraw_consent(self, *, by: Any, reason: str = "") -> "ReferralEvent":
        """The person took back their consent: erase the details, keep the fact. An open
        referral ends (the receiver cannot act without them); a closed one stays as it was."""
        if self.is_erased:
            raise InvalidTransition("already erased")
        if self.is_open:
            self.move(
                ReferralStatus.WITHDRAWN, by=by, reason=str(_("本人が同意を取り消しました。"))
            )
        self.erase_details(actor=by, reason="同意の撤回")
        consent = getattr(self, "consent", None)
        if consent is not None:
            consent.withdrawn_at = timezone.now()
            consent.withdrawn_by = by if by is not None and by.is_authenticated else None
            consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        return ReferralEvent.objects.create(
            referral=self,
            kind=EventKind.CONSENT_WITHDRAWN,
            actor=by if by is not None and by.is_authenticated else None,
            reason=reason.strip()[:300],
        )

    @property
    def can_go_to_council(self) -> bool:
        """The receiver has taken it, the details are still there, and it has not gone yet."""
        return (
            self.status in (ReferralStatus.ACKNOWLEDGED, ReferralStatus.CONTACTED)
            and not self.is_erased
            and self.council_at is None
        )

    def escalate_to_council(self, *, by: Any) -> "ReferralEvent":
        """The receiving side asks the regional council to discuss this person (once).

        The referral keeps its own state; the council case only keeps a reference to it."""
        if not self.can_go_to_council:
            raise InvalidTransition(f"{self.status} → council")
        self.council_at = timezone.now()
        self.save(update_fields=["council_at"])
        AccessRecord.log_change(actor=by, obj=self, action="協議会へ", detail=self.status)
        return ReferralEvent.objects.create(referral=self, kind=EventKind.COUNCIL, actor=by)

    def council_case_details(self, *, reader: Any) -> CaseDetails:
        """What the council case starts from; reading it leaves the referral's access record."""
        shown = self.reveal_many(
            ["person_name", "note"], reader=reader, purpose=str(_("協議会への引き継ぎ"))
        )
        facts = _("つなぎ %(reference)s（%(service)s）。困りごと: %(needs)s。") % {
            "reference": self.reference,
            "service": self.service.name,
            "needs": join_list(self.need_labels()) or "—",
        }
        situation = "\n".join(line for line in (str(facts), shown["note"]) if line)
        return CaseDetails(person_name=shown["person_name"], situation=situation)

    def erase_details(self, *, actor: Any, reason: str) -> None:
        """Blank every personal detail (encrypted or not) and the matching key."""
        self.language = ""
        self.needs = []
        self.match_key = ""
        self.erased_at = timezone.now()
        self.save(update_fields=["language", "needs", "match_key", "erased_at"])
        self.erase_sensitive(actor=actor, reason=reason)

    def purge(self) -> None:
        """Retention ended (``manage.py purge_expired``): erase the details, note it."""
        with transaction.atomic():
            self.erase_details(actor=None, reason="保存期間の終了")
            ReferralEvent.objects.create(referral=self, kind=EventKind.ERASED)

    @classmethod
    def expired(cls, now: datetime) -> "ReferralQuerySet":
        """Finished referrals whose details outlived the retention period (purge_expired)."""
        cutoff = now - timedelta(days=settings.REFERRAL_RETENTION_DAYS)
        return cls.objects.filter(closed_at__lt=cutoff, erased_at__isnull=True)


class Consent(models.Model):
    """What the person agreed to share, with whom, how and when — and whether they took it back."""

    referral = models.OneToOneField(
        Referral, verbose_name=_("つなぎ"), on_delete=models.CASCADE, related_name="consent"
    )
    shared = models.JSONField(_("伝えてよいこと"), default=list)
    shared_with = models.CharField(_("伝えてよい相手"), max_length=300)
    method = models.CharField(_("同意のしかた"), max_length=10, choices=ConsentMethod.choices)
    given_at = models.DateTimeField(_("同意した日時"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("記録した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("記録した日時"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("取り消した日時"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("取り消しを記録した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("同意")
        verbose_name_plural = _("同意")

    def __str__(self) -> str:
        return f"{self.referral.reference}: {self.get_method_display()}"

    def shared_labels(self) -> list[str]:
        labels = dict(SharedItem.choices)
        return [str(labels[c]) for c in self.shared if c in labels]


class EventKind(models.TextChoices):
    SENT = "sent", _("送った")
    MOVED = "moved", _("状態が変わった")
    REMINDED = "reminded", _("期限の前に催促した")
    ESCALATED = "escalated", _("期限を過ぎたので事務局に知らせた")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("同意が取り消された")
    ERASED = "erased", _("保存期間が過ぎたので個人の情報を消した")
    COUNCIL = "council", _("地域協議会のケースにした")


class ReferralEvent(models.Model):
    """One line of a referral's history: who did what, when. Never personal details."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("日時"), default=timezone.now)
    kind = models.CharField(_("できごと"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=14, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=14, choices=ReferralStatus.choices, blank=True)
    reason = models.CharField(_("理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("つなぎの記録")
        verbose_name_plural = _("つなぎの記録")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral.reference} {self.kind} {self.to_status}"
