"""Suggesting partners for an offer or a request.

Deliberately across sectors: the Act wants loneliness to be everybody's
business, so a shop that can lend a room scores higher for a welfare body's
request than another welfare body with the same fields would.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tsunagari.core.text import join_list
from tsunagari.directory.models import Organization
from tsunagari.partners.models import Member, Offer, Posting, Request, Sector, need_labels

NEED_POINTS = 3
WARD_POINTS = 2
OTHER_SECTOR_POINTS = 4
OUTSIDE_WELFARE_POINTS = 1
MATCHING_POSTING_POINTS = 5


@dataclass
class Suggestion:
    member: Member
    score: int
    reasons: list[str] = field(default_factory=list)
    postings: list[Posting] = field(default_factory=list)

    @property
    def organization(self) -> Organization:
        return self.member.organization


def _wards_meet(mine: list[str], theirs: list[str]) -> bool:
    if not mine or not theirs:
        return False
    wide = {"nationwide", "outside"}
    return bool(set(mine) & set(theirs)) or bool(wide & set(theirs))


def suggest_partners(posting: Posting, *, limit: int = 8) -> list[Suggestion]:
    own = Member.objects.filter(organization=posting.organization).first()
    own_sector = own.sector if own else ""
    # The other side of an offer is a request, and the other way round.
    counterpart = Request if isinstance(posting, Offer) else Offer
    open_counterparts: dict[object, list[Posting]] = {}
    for other in counterpart.objects.filter(is_open=True).exclude(
        organization=posting.organization
    ):
        open_counterparts.setdefault(other.organization_id, []).append(other)

    suggestions: list[Suggestion] = []
    members = (
        Member.objects.approved()
        .exclude(organization=posting.organization)
        .select_related("organization")
    )
    for member in members:
        score = 0
        reasons: list[str] = []
        shared = [code for code in posting.needs if code in member.needs]
        if shared:
            score += NEED_POINTS * len(shared)
            reasons.append(
                _("同じお悩みに取り組んでいます: %(needs)s")
                % {"needs": join_list(need_labels(shared))}
            )
        if _wards_meet(posting.wards, member.wards):
            score += WARD_POINTS
            reasons.append(_("同じ区で活動しています"))
        matching = [
            p
            for p in open_counterparts.get(member.organization_id, [])
            if p.kind == posting.kind or set(p.needs) & set(posting.needs)
        ]
        if matching:
            score += MATCHING_POSTING_POINTS
            reasons.append(_("この投稿に合う募集・申し出があります"))
        if score == 0:
            continue  # nothing in common: sector alone is not a reason to suggest
        if member.sector != own_sector:
            score += OTHER_SECTOR_POINTS
            reasons.append(
                _("ちがう分野の団体です（%(sector)s）") % {"sector": member.get_sector_display()}
            )
            if member.sector not in Sector.welfare():
                score += OUTSIDE_WELFARE_POINTS
        suggestions.append(
            Suggestion(member=member, score=score, reasons=reasons, postings=matching)
        )
    suggestions.sort(key=lambda s: (-s.score, s.member.organization.name))
    return suggestions[:limit]
