import pytest
from django.core.management import call_command

from tsunagari.survey import reference


def test_it_reads_the_published_figures_exactly_as_the_issue_gives_them():
    figures = {(f.series, f.indicator): f.percent for f in reference.read()}
    assert figures[("national_r5", "direct_any")] == 39.3
    assert [figures[("national_r5", f"direct_{v}")] for v in (5, 4, 3)] == [4.8, 14.8, 19.7]
    assert figures[("national_r6", "direct_any")] == 39.3
    assert [figures[("national_r6", f"direct_{v}")] for v in (5, 4, 3)] == [4.3, 15.4, 19.6]
    assert sorted(f.percent for f in reference.other_questions()) == [3.2, 5.8, 29.3]
    assert len(reference.read()) == 11  # nothing else


def test_it_refuses_a_figure_without_its_source(tmp_path):
    bad = tmp_path / "reference.tsv"
    bad.write_text(
        "series\tindicator\tlabel\tpercent\tsource\nx\tdirect_any\tlabel\t12.5\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="line 2: a figure needs its source"):
        reference.read(bad)


def test_it_checks_the_file_from_the_command_line(capsys):
    call_command("check_survey_reference")
    assert "11 figures" in capsys.readouterr().out
