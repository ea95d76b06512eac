"""Two-factor recovery: one-time recovery codes at setup, and staff's reset of a lost device."""

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<li><code>([a-z2-7]{8})</code></li>")


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _set_up(client: Any, user: Any, password: str) -> list[str]:
    client.post("/accounts/login/", {"username": user.username, "password": password})
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post("/accounts/two-factor/setup/", {"token": _code(device), "next": "/"})
    assert page.status_code == 200
    assert "回復用コード" in page.content.decode()
    return CODE.findall(page.content.decode())


def test_it_gives_ten_one_time_recovery_codes_at_setup(
    client: Any, alice: Any, password: str
) -> None:
    codes = _set_up(client, alice, password)
    assert len(codes) == 10 and len(set(codes)) == 10
    client.logout()
    client.post("/accounts/login/", {"username": "alice", "password": password})
    used = client.post(
        "/accounts/two-factor/verify/", {"token": codes[0], "next": "/partners/home/"}
    )
    assert used["Location"] == "/partners/home/"
    assert client.get("/partners/home/").status_code == 200
    client.logout()
    client.post("/accounts/login/", {"username": "alice", "password": password})
    again = client.post("/accounts/two-factor/verify/", {"token": codes[0]})
    assert again.status_code == 200  # used once, gone
    assert "確認コードが合いません" in again.content.decode()
    # The page that showed the codes shows them once: the device keeps only the unused ones.
    assert StaticDevice.objects.get(user=alice).token_set.count() == 9


def test_it_lets_staff_reset_a_lost_device_so_the_person_registers_again(
    client: Any, alice: Any, password: str
) -> None:
    _set_up(client, alice, password)
    client.logout()
    out = StringIO()
    call_command(
        "reset_two_factor", "alice@example.org", "--reason", "スマートフォンの紛失", stdout=out
    )
    assert "alice@example.org" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticDevice.objects.filter(user=alice).exists()
    response = client.post("/accounts/login/", {"username": "alice", "password": password})
    assert response["Location"].startswith("/accounts/two-factor/setup/")


def test_it_refuses_to_reset_someone_who_does_not_exist() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="見つかりません"):
        call_command("reset_two_factor", "nobody@example.org", "--reason", "紛失")
