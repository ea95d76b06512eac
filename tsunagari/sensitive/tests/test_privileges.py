"""On PostgreSQL the application's role can append access records but not change,
delete or empty them — even after someone granted it everything on the table."""

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from tsunagari.sensitive.models import AccessRecord
from tsunagari.sensitive.privileges import restrict_app_role

pytestmark = pytest.mark.django_db

ROLE = "tsunagari_app_test"


def test_it_does_nothing_without_postgresql_or_a_role() -> None:
    assert restrict_app_role(connection, "") is False
    if connection.vendor != "postgresql":
        assert restrict_app_role(connection, ROLE) is False


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="roles and privileges exist on PostgreSQL only"
)
def test_the_app_role_may_append_but_never_update_delete_or_truncate(sara: Any) -> None:
    AccessRecord.append(actor=sara, action="read", table="t", object_id="1", purpose="前から")
    with connection.cursor() as cursor:  # all of this is rolled back with the test
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
        cursor.execute(f"GRANT ALL ON sensitive_accessrecord TO {ROLE}")
    assert restrict_app_role(connection, ROLE) is True

    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    try:
        AccessRecord.append(actor=sara, action="read", table="t", object_id="2", purpose="あとから")
        for statement in (
            "UPDATE sensitive_accessrecord SET purpose = 'x'",
            "DELETE FROM sensitive_accessrecord",
            "TRUNCATE sensitive_accessrecord",
        ):
            with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(statement)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert list(AccessRecord.objects.values_list("purpose", flat=True)) == ["前から", "あとから"]
    assert AccessRecord.first_broken() is None


def test_it_refuses_a_role_that_does_not_exist() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("roles exist on PostgreSQL only")
    with pytest.raises(RuntimeError, match="does not exist"):
        restrict_app_role(connection, "no_such_role_here")
