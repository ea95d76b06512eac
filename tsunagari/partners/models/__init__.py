"""The public–private collaboration platform (官民連携プラットフォーム).

An organisation joins by applying; platform staff approve, ask back or decline.
People act for an organisation through an ``accounts`` :class:`Role` (admin or
member), which they get by accepting an ``accounts`` :class:`Invitation`. Members post what they can give
(:class:`Offer`) and what they need (:class:`Request`), ask each other for contact
(:class:`ContactRequest`) and, once the other side accepts, work together as a
recorded :class:`Partnership`. Staff send :class:`Notice` s (news, meetings) and
members answer attendance.

State changes go through explicit transition methods; a forbidden move raises
:class:`InvalidTransition` and changes nothing.
"""

from tsunagari.partners.models.board import (
    ContactRequest,
    ContactStatus,
    Offer,
    Partnership,
    PartnershipQuerySet,
    Posting,
    PostingKind,
    Request,
)
from tsunagari.partners.models.membership import (
    Member,
    MemberQuerySet,
    MemberStatus,
    Sector,
    need_labels,
    ward_labels,
)
from tsunagari.partners.models.notices import Attendance, AttendanceAnswer, Notice, NoticeKind

__all__ = [
    "Sector",
    "need_labels",
    "ward_labels",
    "MemberStatus",
    "MemberQuerySet",
    "Member",
    "PostingKind",
    "Posting",
    "Offer",
    "Request",
    "ContactStatus",
    "ContactRequest",
    "PartnershipQuerySet",
    "Partnership",
    "NoticeKind",
    "Notice",
    "AttendanceAnswer",
    "Attendance",
]
