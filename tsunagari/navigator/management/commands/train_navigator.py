"""Retrain the navigator's learned reader on the project's corpus (fixed seed, k-fold figures)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tsunagari.navigator.training import ENCODERS, train


class Command(BaseCommand):
    help = (
        "corpus/*.jsonl から学習した読み手を作り直します（乱数の種は固定、k分割の成績を表示）。"
        " / Retrain the learned reader from corpus/*.jsonl and print k-fold figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--encoder",
            choices=sorted(ENCODERS),
            default="use+ngram",
            help="文の表し方（比較用。保存するのは use+ngram のときだけ）",
        )

        parser.add_argument(
            "--no-save",
            action="store_true",
            help="成績を表示するだけで、学習した読み手を保存しません",
        )
        parser.add_argument(
            "--cache",
            type=Path,
            help="文の表し方を保存して次回に使うファイル（.npz）。くり返し学習するときに速くなります",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        encoder = options["encoder"]
        train(
            encoder=encoder,
            save=encoder == "use+ngram" and not options["no_save"],
            out=self.stdout.write,
            cache=options["cache"],
        )
