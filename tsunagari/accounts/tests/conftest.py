from tsunagari.partners.tests.conftest import *  # noqa: F403 — alice, bob, charlie, org_a, org_b, signed_in
