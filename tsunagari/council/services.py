"""Council workflows that touch several records; each runs in one transaction and
writes its access records (``AccessRecord.log_change``) in that transaction."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone

from tsunagari.council.models import (
    Case,
    CaseMember,
    CaseNote,
    CaseSource,
    Conference,
    CouncilMember,
    Task,
)
from tsunagari.sensitive.models import AccessRecord


@dataclass(frozen=True)
class CaseDetails:
    """What a source hands the council when it escalates: a name to use and the situation."""

    person_name: str
    situation: str


class CaseSourceRecord(Protocol):
    """A record another app can escalate into a council case (a referral, a 見守り report).

    The source decides what it passes on: it reveals its own fields (so its own
    access record names the council as the purpose) and returns them.
    """

    pk: Any
    council_source_kind: str  # CaseSource.REFERRAL or CaseSource.WATCH, set on the model class

    def council_case_details(self, *, reader: Any) -> CaseDetails: ...


def case_open(
    *,
    by: CouncilMember,
    person_name: str,
    situation: str,
    source: str = CaseSource.DIRECT,
    source_ref: str = "",
    members: Iterable[CouncilMember] = (),
) -> Case:
    """Open a case; the member who opens it is listed on it, and may list others."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                case = Case(
                    number=Case.next_number(timezone.localdate()),
                    opened_by=by,
                    source=source,
                    source_ref=source_ref,
                )
                case.person_name = person_name
                case.situation = situation
                case.save()
                CaseMember.objects.create(case=case, member=by, added_by=None)
                AccessRecord.log_change(actor=by.user, obj=case, action="open", detail=source)
                for other in members:
                    if other.pk != by.pk:
                        case.add_member(other, by=by)
                return case
        except IntegrityError:  # two cases opened at once took the same number
            continue
    raise IntegrityError("could not number the case")


def case_open_from(*, source: CaseSourceRecord, by: CouncilMember) -> Case:
    """Escalate a referral or a 見守り report into a council case (the hook for those apps).

    ``source`` is a saved model instance that implements :class:`CaseSourceRecord`: its
    class opts in with ``council_source_kind`` (a model without it cannot open a case),
    and ``council_case_details(reader=...)`` reveals what it passes on. The case keeps
    only a reference to it (``"app.model:pk"``); the details are copied, encrypted,
    into the case. Escalating the same record twice returns the case already open.

    Example, in ``tsunagari/watch/models/report.py``::

        class Report(SensitiveModel):
            council_source_kind = CaseSource.WATCH

            def council_case_details(self, *, reader):
                shown = self.reveal_many(["person_name", "note"], reader=reader,
                                         purpose="協議会への引き継ぎ")
                return CaseDetails(person_name=shown["person_name"], situation=shown["note"])
    """
    kind = getattr(type(source), "council_source_kind", None)
    label = source._meta.label_lower  # type: ignore[attr-defined]
    if kind not in (CaseSource.REFERRAL, CaseSource.WATCH):
        raise ValueError(f"{label} cannot open a council case")
    ref = f"{label}:{source.pk}"
    existing = Case.objects.filter(source_ref=ref).first()
    if existing is not None:  # escalating twice opens one case
        return existing
    details = source.council_case_details(reader=by.user)
    return case_open(
        by=by,
        person_name=details.person_name,
        situation=details.situation,
        source=kind,
        source_ref=ref,
    )


def note_add(
    *, case: Case, by: CouncilMember, kind: str, noted_on: datetime.date, body: str
) -> CaseNote:
    with transaction.atomic():
        note = CaseNote(case=case, kind=kind, noted_on=noted_on, written_by=by)
        note.body = body
        note.save()
        AccessRecord.log_change(actor=by.user, obj=note, action="note_add", detail=kind)
    return note


def conference_record(
    *,
    case: Case,
    by: CouncilMember,
    held_on: datetime.date,
    attendees: Iterable[CouncilMember],
    agenda: str,
    minutes: str,
    decisions: str,
) -> Conference:
    attendees = list(attendees)
    listed = set(case.listings.values_list("member_id", flat=True))
    if any(a.pk not in listed for a in attendees):
        raise ValueError("every attendee must be listed on the case")
    with transaction.atomic():
        conference = Conference(case=case, held_on=held_on, recorded_by=by)
        conference.agenda = agenda
        conference.minutes = minutes
        conference.decisions = decisions
        conference.save()
        conference.attendees.set(attendees)
        AccessRecord.log_change(
            actor=by.user, obj=conference, action="conference_record", detail=str(held_on)
        )
    return conference


def task_assign(
    *,
    conference: Conference,
    by: CouncilMember,
    owner: CouncilMember,
    due_on: datetime.date,
    description: str,
) -> Task:
    if not conference.case.listings.filter(member=owner).exists():
        raise ValueError("a task goes to a member listed on the case")
    with transaction.atomic():
        task = Task(conference=conference, owner=owner, due_on=due_on)
        task.description = description
        task.save()
        AccessRecord.log_change(
            actor=by.user, obj=task, action="task_assign", detail=f"owner {owner.pk}"
        )
    return task
