"""The regional council (孤独・孤立対策地域協議会, art. 15 of the Act).

Public side: the notice the city must publish (:class:`Council`, :class:`MemberBody`).
Closed side: the people who sit on the council (:class:`CouncilMember`, each with a
term and a signed secrecy pledge) and the cases they discuss. Everything about the
person a case concerns lives in :class:`~tsunagari.sensitive.fields.EncryptedTextField`
columns; it is read only through ``reveal`` (an access record per read) and every
change is written with ``AccessRecord.log_change``.

Access is narrow on purpose (docs/decisions/0026): a case is seen only by the council
members listed on it, while their term runs and after they have signed the pledge.
City staff who are not members see nothing, whatever their flags.
"""

import datetime
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.sensitive.fields import EncryptedTextField
from tsunagari.sensitive.models import AccessRecord, SensitiveModel

# The longest text a council form accepts; longer input is refused with a message.
LONG_TEXT_MAX = 10_000
SHORT_TEXT_MAX = 200


class Council(models.Model):
    """What the city publishes about its council (公示). Entered by staff in the admin."""

    name = models.CharField(_("協議会の名称"), max_length=200)
    coordinating_body = models.CharField(_("調整機関"), max_length=200)
    established_on = models.DateField(_("設置日"), null=True, blank=True)
    notice = models.TextField(_("公示の本文"), blank=True, max_length=LONG_TEXT_MAX)
    is_demo = models.BooleanField(
        _("デモ用の架空データ"), default=False, help_text=_("公開画面に「デモ」と表示します。")
    )

    class Meta:
        verbose_name = _("協議会")
        verbose_name_plural = _("協議会")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Council | None":
        """The council shown on the public page; demo data only in demo mode."""
        councils = cls.objects.order_by("pk")
        if not settings.DEMO_MODE:
            councils = councils.filter(is_demo=False)
        return councils.first()


class MemberBody(models.Model):
    """An organisation that belongs to the council (構成機関)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("機関・団体の名称"), max_length=200)
    joined_on = models.DateField(_("参加した日"), null=True, blank=True)
    left_on = models.DateField(_("抜けた日"), null=True, blank=True)
    coordinates = models.BooleanField(
        _("調整機関"),
        default=False,
        help_text=_(
            "協議会の調整機関です。この機関の構成員は、すべてのケースの閲覧・変更の記録を確かめられます（内容は見られません）。"
        ),
    )

    class Meta:
        verbose_name = _("構成機関")
        verbose_name_plural = _("構成機関")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_current(self, today: datetime.date) -> bool:
        return self.left_on is None or self.left_on >= today


class PledgeText(models.Model):
    """One version of the secrecy pledge (守秘義務の誓約) members sign."""

    version = models.CharField(_("版"), max_length=20, unique=True)
    text = models.TextField(_("誓約の本文"), max_length=LONG_TEXT_MAX)
    adopted_on = models.DateField(_("定めた日"))

    class Meta:
        verbose_name = _("守秘義務の誓約文")
        verbose_name_plural = _("守秘義務の誓約文")
        ordering: ClassVar = ["-adopted_on", "-pk"]

    def __str__(self) -> str:
        return self.version

    @classmethod
    def current(cls) -> "PledgeText | None":
        return cls.objects.order_by("-adopted_on", "-pk").first()


class CouncilMemberQuerySet(models.QuerySet["CouncilMember"]):
    def active(self, today: datetime.date | None = None) -> "CouncilMemberQuerySet":
        """Members whose term runs today and who have signed the pledge."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today),
            starts_on__lte=today,
            pledge_signed_on__isnull=False,
            user__is_active=True,
        ).exclude(pledge_version="")


class CouncilMember(models.Model):
    """A person who sits on the council for a member body, for a term."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_memberships"
    )
    body = models.ForeignKey(MemberBody, on_delete=models.PROTECT, related_name="members")
    starts_on = models.DateField(_("任期の始まり"))
    ends_on = models.DateField(_("任期の終わり"), null=True, blank=True)
    pledge_signed_on = models.DateField(_("誓約した日"), null=True, blank=True)
    pledge_version = models.CharField(_("誓約文の版"), max_length=20, blank=True)

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("協議会の構成員")
        verbose_name_plural = _("協議会の構成員")
        ordering: ClassVar = ["body__name", "starts_on"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="council_member_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.body})"

    @property
    def label(self) -> str:
        """「名前（構成機関）」 as a person reads it, in their language."""
        return str(_("%(person)s（%(body)s）") % {"person": self.user, "body": self.body})

    def in_term(self, today: datetime.date) -> bool:
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def sign_pledge(self, pledge: PledgeText, *, on: datetime.date) -> None:
        self.pledge_signed_on = on
        self.pledge_version = pledge.version
        self.save(update_fields=["pledge_signed_on", "pledge_version"])


def cases_whose_records_user_may_see(user: Any) -> "models.QuerySet[Case]":
    """Cases whose access records `/sensitive/access/` shows this user (docs/decisions/0041).

    A current, pledged member for the coordinating body (調整機関) sees every case's records;
    another current member, those of the cases listing them; everyone else — platform staff
    and system administrators included — none."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    current = CouncilMember.objects.active().filter(user_id=user.pk)
    coordinating = current.filter(body__coordinates=True).exclude(
        body__left_on__lt=timezone.localdate()
    )
    if coordinating.exists():
        return Case.objects.all()
    return Case.objects.filter(listings__member__in=current).distinct()


def _ids(rows: "models.QuerySet[Any]") -> list[str]:
    return [str(pk) for pk in rows.values_list("pk", flat=True)]


class CaseStatus(models.TextChoices):
    OPEN = "open", _("受付")
    SUPPORT = "support", _("支援中")
    FOLLOW_UP = "follow_up", _("見守り・フォロー中")
    CLOSED = "closed", _("終了")


class CaseSource(models.TextChoices):
    DIRECT = "direct", _("協議会で直接")
    REFERRAL = "referral", _("つなぎ（紹介）から")
    WATCH = "watch", _("見守りの報告から")


class Outcome(models.TextChoices):
    CONNECTED = "connected", _("支援につながった")
    RESOLVED = "resolved", _("困りごとが解消した")
    DECLINED = "declined", _("本人が支援を望まなかった")
    MOVED = "moved", _("転居した")
    UNREACHABLE = "unreachable", _("連絡がとれなくなった")
    OTHER = "other", _("その他")


PURPOSE_READ = _("協議会の支援の検討のため")


class Case(SensitiveModel):
    """One person whose support the council discusses (個別ケース)."""

    number = models.CharField(_("ケース番号"), max_length=20, unique=True)
    status = models.CharField(
        _("状態"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    source = models.CharField(
        _("始まり"), max_length=10, choices=CaseSource.choices, default=CaseSource.DIRECT
    )
    # Which record the case came from (e.g. "referrals.referral:<uuid>"): an id, never content.
    source_ref = models.CharField(_("元の記録"), max_length=120, blank=True)
    opened_at = models.DateTimeField(_("受け付けた日時"), default=timezone.now)
    opened_by = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, related_name="opened_cases"
    )
    closed_at = models.DateTimeField(_("終了した日時"), null=True, blank=True)
    outcome = models.CharField(_("結果"), max_length=12, choices=Outcome.choices, blank=True)

    person_name = EncryptedTextField(_("本人の呼び名"))
    situation = EncryptedTextField(_("本人の状況"))
    outcome_note = EncryptedTextField(_("終了の記録"))

    members: "models.ManyToManyField[CouncilMember, CaseMember]" = models.ManyToManyField(
        CouncilMember,
        through="CaseMember",
        through_fields=("case", "member"),
        related_name="cases",
        blank=True,
    )

    class Meta:
        verbose_name = _("協議会のケース")
        verbose_name_plural = _("協議会のケース")
        ordering: ClassVar = ["-opened_at"]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def access_records_visible_to(cls, user: Any) -> list[str]:
        return _ids(cases_whose_records_user_may_see(user))

    @classmethod
    def expired(cls, now: datetime.datetime) -> "models.QuerySet[Case]":
        """Closed cases past the retention period whose details are not yet erased."""
        return _expired_cases(now).exclude(person_name="", situation="", outcome_note="")

    @classmethod
    def next_number(cls, today: datetime.date) -> str:
        prefix = f"C{today:%Y}-"
        taken = cls.objects.filter(number__startswith=prefix).count()
        return f"{prefix}{taken + 1:04d}"

    # --- state machine -------------------------------------------------------------------
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        "start_support": (CaseStatus.OPEN, CaseStatus.FOLLOW_UP),
        "begin_follow_up": (CaseStatus.SUPPORT,),
        "close": (CaseStatus.OPEN, CaseStatus.SUPPORT, CaseStatus.FOLLOW_UP),
    }
    TARGET: ClassVar[dict[str, str]] = {
        "start_support": CaseStatus.SUPPORT,
        "begin_follow_up": CaseStatus.FOLLOW_UP,
        "close": CaseStatus.CLOSED,
    }

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def allowed_moves(self) -> list[str]:
        return [move for move, sources in self.TRANSITIONS.items() if self.status in sources]

    def _move(self, move: str, *, by: CouncilMember) -> None:
        if self.status not in self.TRANSITIONS[move]:
            raise InvalidTransition(f"{move} is not allowed from {self.status}")
        before = self.status
        self.status = self.TARGET[move]
        self.save(update_fields=["status", "closed_at", "outcome", "outcome_note"])
        AccessRecord.log_change(
            actor=by.user, obj=self, action=move, detail=f"{before}→{self.status}"
        )

    def start_support(self, *, by: CouncilMember) -> None:
        with transaction.atomic():
            self._move("start_support", by=by)

    def begin_follow_up(self, *, by: CouncilMember) -> None:
        with transaction.atomic():
            self._move("begin_follow_up", by=by)

    def close(self, *, by: CouncilMember, outcome: str, note: str) -> None:
        if outcome not in Outcome.values:
            raise InvalidTransition(f"unknown outcome {outcome}")
        with transaction.atomic():
            self.closed_at = timezone.now()
            self.outcome = outcome
            self.outcome_note = note
            self._move("close", by=by)

    # --- who is on it --------------------------------------------------------------------
    def add_member(self, member: CouncilMember, *, by: CouncilMember) -> "CaseMember":
        """List another council member on this case. Nobody lists themselves."""
        if member.pk == by.pk or member.user_id == by.user_id:
            raise InvalidTransition("a member cannot add themselves")
        if self.is_closed:
            raise InvalidTransition("the case is closed")
        with transaction.atomic():
            listing, created = CaseMember.objects.get_or_create(
                case=self, member=member, defaults={"added_by": by}
            )
            if created:
                AccessRecord.log_change(
                    actor=by.user, obj=self, action="add_member", detail=f"member {member.pk}"
                )
        return listing


def _expired_cases(now: datetime.datetime) -> "models.QuerySet[Case]":
    cutoff = now - datetime.timedelta(days=settings.COUNCIL_RETENTION_DAYS)
    return Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=cutoff)


class CaseMember(models.Model):
    """A council member who needs to know a case (and so may open it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="listings")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="listings")
    added_by = models.ForeignKey(
        CouncilMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("加えた日時"), default=timezone.now)

    class Meta:
        verbose_name = _("ケースの担当構成員")
        verbose_name_plural = _("ケースの担当構成員")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["case", "member"], name="council_casemember_once")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.member}"


class NoteKind(models.TextChoices):
    SITUATION = "situation", _("状況の記録")
    FOLLOW_UP = "follow_up", _("フォローアップ")


class CaseNote(SensitiveModel):
    """A dated record of the person's situation, or a follow-up after a conference."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("種類"), max_length=10, choices=NoteKind.choices)
    noted_on = models.DateField(_("日付"))
    written_by = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("書いた日時"), default=timezone.now)
    body = EncryptedTextField(_("内容"))

    class Meta:
        verbose_name = _("ケースの記録")
        verbose_name_plural = _("ケースの記録")
        ordering: ClassVar = ["noted_on", "written_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.noted_on}"

    @classmethod
    def access_records_visible_to(cls, user: Any) -> list[str]:
        return _ids(cls.objects.filter(case__in=cases_whose_records_user_may_see(user)))

    @classmethod
    def expired(cls, now: datetime.datetime) -> "models.QuerySet[CaseNote]":
        return cls.objects.filter(case__in=_expired_cases(now)).exclude(body="")


class Conference(SensitiveModel):
    """A case conference (個別ケース検討会議)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(_("開いた日"))
    attendees = models.ManyToManyField(CouncilMember, related_name="conferences_attended")
    recorded_by = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("記録した日時"), default=timezone.now)
    agenda = EncryptedTextField(_("議題"))
    minutes = EncryptedTextField(_("議事の記録"))
    decisions = EncryptedTextField(_("決まったこと"))

    class Meta:
        verbose_name = _("ケース検討会議")
        verbose_name_plural = _("ケース検討会議")
        ordering: ClassVar = ["held_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"

    @classmethod
    def access_records_visible_to(cls, user: Any) -> list[str]:
        return _ids(cls.objects.filter(case__in=cases_whose_records_user_may_see(user)))

    @classmethod
    def expired(cls, now: datetime.datetime) -> "models.QuerySet[Conference]":
        return cls.objects.filter(case__in=_expired_cases(now)).exclude(
            agenda="", minutes="", decisions=""
        )


class TaskStatus(models.TextChoices):
    OPEN = "open", _("未了")
    DONE = "done", _("済み")


class Task(SensitiveModel):
    """Something a conference asked one member to do by a date."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="tasks")
    owner = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="tasks")
    due_on = models.DateField(_("期限"))
    status = models.CharField(
        _("状態"), max_length=5, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_at = models.DateTimeField(_("済んだ日時"), null=True, blank=True)
    description = EncryptedTextField(_("すること"))

    class Meta:
        verbose_name = _("会議で決まった役割")
        verbose_name_plural = _("会議で決まった役割")
        ordering: ClassVar = ["due_on"]

    def __str__(self) -> str:
        return f"{self.conference} {self.due_on}"

    @classmethod
    def access_records_visible_to(cls, user: Any) -> list[str]:
        cases = cases_whose_records_user_may_see(user)
        return _ids(cls.objects.filter(conference__case__in=cases))

    @classmethod
    def expired(cls, now: datetime.datetime) -> "models.QuerySet[Task]":
        return cls.objects.filter(conference__case__in=_expired_cases(now)).exclude(description="")

    def mark_done(self, *, by: CouncilMember) -> None:
        if self.status != TaskStatus.OPEN:
            raise InvalidTransition("the task is already done")
        with transaction.atomic():
            self.status = TaskStatus.DONE
            self.done_at = timezone.now()
            self.save(update_fields=["status", "done_at"])
            AccessRecord.log_change(actor=by.user, obj=self, action="task_done", detail="open→done")
