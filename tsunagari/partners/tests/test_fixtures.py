from tsunagari.partners.access import organizations_for
from tsunagari.partners.models import MemberStatus


def test_it_gives_alice_and_bob_org_a_and_charlie_org_b(alice, bob, charlie, org_a, org_b):
    assert list(organizations_for(alice, admin=True)) == [org_a]
    assert list(organizations_for(bob)) == [org_a]
    assert list(organizations_for(bob, admin=True)) == []
    assert list(organizations_for(charlie)) == [org_b]
    assert org_a.member.status == MemberStatus.APPROVED
    assert org_a.member.sector != org_b.member.sector
