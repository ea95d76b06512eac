"""The secretariat's figures, and erasing finished reports after the retention period."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from tsunagari.sensitive.models import AccessRecord
from tsunagari.watch.models import Report
from tsunagari.watch.services import report_acknowledge, report_close
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import WEDNESDAY_10, centre_client, make_business, report

pytestmark = pytest.mark.django_db


def test_the_figures_count_by_kind_and_ward_and_time_to_acknowledge(
    shop, tsunagari_centre, sakai_kikan, kimura, sara
):
    kita_shop = make_business("（テスト）北の配達", kind="delivery", ward="kita")
    first = report(shop)
    report(shop, kind="money", place="ひだまり通2丁目")
    report(kita_shop, kind="money", ward="kita", place="こもれび町1丁目")  # no centre: staff relay
    with time_machine.travel(WEDNESDAY_10, tick=False):
        report_acknowledge(report=first, by=kimura, now=WEDNESDAY_10 + timedelta(minutes=45))

    with time_machine.travel(WEDNESDAY_10 + timedelta(hours=1), tick=False):
        page = centre_client(sara).get("/watch/staff/figures/?days=30").content.decode()

    assert 'id="watch-total">3<' in page
    assert 'id="watch-ack-median">45分<' in page
    table = page[page.index('id="watch-kinds"') :]
    row = table[table.index("金銭トラブル・詐欺の疑い") :].split("</tr>")[0]
    # 堺区 1, 中区 0, 東区 0, 西区 0, 南区 0, 北区 1, 美原区 0, total 2
    assert [c.split("<")[0] for c in row.split("<td>")[1:]] == [
        "1",
        "0",
        "0",
        "0",
        "0",
        "1",
        "0",
        "2",
    ]
    assert (
        "区の基幹型センター（振り分け表にない場所）: 1" in page
    )  # ひだまり通: its centre is not in the directory
    assert "事務局が取り次ぐ（センターがつながりにいない）: 1" in page


def test_a_period_out_of_the_list_falls_back_to_90_days(sara):
    page = centre_client(sara).get("/watch/staff/figures/?days=abc").content.decode()
    assert '<option value="90" selected>' in page


def test_finished_reports_are_erased_after_the_retention_period_and_still_counted(
    shop, tsunagari_centre, kimura, settings
):
    settings.WATCH_RETENTION_DAYS = 365
    finished = report(shop)
    still_open = report(shop, place="つながり町9丁目")
    report_acknowledge(report=finished, by=kimura, now=WEDNESDAY_10)
    report_close(report=finished, by=kimura, outcome="safe", note="無事でした。", now=WEDNESDAY_10)

    with time_machine.travel(WEDNESDAY_10 + timedelta(days=364), tick=False):
        call_command("purge_expired")
    finished.refresh_from_db()
    assert finished.place

    with time_machine.travel(WEDNESDAY_10 + timedelta(days=366), tick=False):
        call_command("purge_expired")
    finished.refresh_from_db()
    still_open.refresh_from_db()
    assert not finished.place and not finished.details
    assert not any(action.note for action in finished.actions.all())
    assert (finished.outcome, finished.kind, finished.ward) == ("safe", "mail_piling", "sakai")
    assert still_open.place
    assert AccessRecord.objects.filter(object_id=str(finished.pk), action="erase").exists()
    assert Report.objects.count() == 2
