"""The lexicon is data that people edit: its check names each problem with its file and line."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tsunagari.navigator import lexicon


@pytest.fixture
def copy(tmp_path: Path, settings: Any) -> Any:
    target = tmp_path / "lexicon"
    shutil.copytree(lexicon.LEXICON_DIR, target)
    settings.NAVIGATOR_LEXICON_DIR = str(target)
    yield target
    lexicon.clear()


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_the_project_lexicon_passes_its_check(capsys: Any) -> None:
    call_command("check_lexicon")
    assert "lexicon OK" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("借金がつらい\tmoney=abc\t\t", "is not a number"),
        ("借金がつらい\tnosuchneed\t\t", "unknown code 'nosuchneed'"),
        ("借金がつらい\tmoney\tloud\t", "unknown flag loud"),
        ("借金\tmoney=1.3\t\t", "is already on line"),
        ("、、\tmoney\t\t", "has no content words"),
    ],
)
def test_a_bad_line_is_named_with_its_file_and_line(copy: Path, line: str, message: str) -> None:
    append(copy / "needs" / "money.tsv", line)
    with pytest.raises(CommandError):
        call_command("check_lexicon")
    found = lexicon.problems()
    assert any(message in problem and problem.startswith("needs/money.tsv:") for problem in found)


def test_an_urgent_line_must_be_a_sourced_line(copy: Path) -> None:
    append(copy / "urgent_lines.tsv", "scam_now\t架空の相談ダイヤル\t")
    assert any("架空の相談ダイヤル" in p for p in lexicon.problems())
