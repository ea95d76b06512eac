"""Named organisations and people of the platform, for any app's tests.

The people and helpers live in :mod:`tsunagari.testing` (one module for every app);
they are re-exported here for the modules that still import them from this place.

org_a   — 「つながりテスト食堂」, an NPO, approved member (wards: 堺区, 北区)
org_b   — 「テスト商店会」, a shopping street association (another sector), approved
alice   — admin of org_a
bob     — member of org_a
charlie — admin of org_b (the outsider to org_a)

``signed_in(client, user)`` signs a test client in as a fully signed-in person:
people who must use two-factor (staff, system admins, organisation admins) get
a confirmed TOTP device and an OTP-verified session, as after the real login.
Pass ``verified=False`` to get a session that has not passed the second step, and
``otp=True`` to give anyone (an ordinary member too) a verified second factor, as
the pages with personal details require.
"""

from typing import Any

import pytest
from django.test import Client  # noqa: F401 — re-exported for older imports

from tsunagari.directory.models import Organization
from tsunagari.testing import (  # noqa: F401 — re-exported for older imports
    _fast_passwords,
    alice,
    bob,
    charlie,
    make_org,
    org_a,
    org_b,
    signed_in,
    signed_in_browser,
)

__all__ = ["alice", "bob", "charlie", "org_a", "org_b", "make_org", "signed_in", "_fast_passwords"]


@pytest.fixture
def world(
    org_a: Organization,
    org_b: Organization,
    alice: Any,
    bob: Any,
    charlie: Any,
    sara: Any,
    root: Any,
    plain_user: Any,
) -> Any:
    """Two member organisations with postings, a contact request, notices and an invitation."""
    from tsunagari.partners.tests.world import build_world

    return build_world(org_a, org_b, alice)
