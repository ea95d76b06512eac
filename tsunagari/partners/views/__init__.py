"""Views of the platform, one module per part: joining and members, the board, notices, staff."""

from tsunagari.partners.views.board import (
    board,
    contact_decide,
    contact_new,
    contacts,
    posting_close,
    posting_detail,
    posting_edit,
    posting_new,
)
from tsunagari.partners.views.membership import (
    application_answer,
    dashboard,
    join,
    join_thanks,
    logo,
    member_detail,
    members,
    org_edit,
    org_people,
)
from tsunagari.partners.views.notices import (
    news,
    news_detail,
    notice_attendance,
    notice_detail,
    notice_new,
    notices,
)
from tsunagari.partners.views.staff import network_view, staff_application, staff_home

__all__ = [
    "members",
    "member_detail",
    "logo",
    "join",
    "join_thanks",
    "application_answer",
    "dashboard",
    "org_edit",
    "org_people",
    "board",
    "posting_new",
    "posting_edit",
    "posting_close",
    "posting_detail",
    "contact_new",
    "contacts",
    "contact_decide",
    "news",
    "news_detail",
    "notices",
    "notice_detail",
    "notice_new",
    "notice_attendance",
    "staff_home",
    "staff_application",
    "network_view",
]
