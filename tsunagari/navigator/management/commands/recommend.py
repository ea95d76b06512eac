import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.navigator.recommend import parse_ward, recommend


class Command(BaseCommand):
    help = (
        'Answer a worry from the command line: recommend "TEXT" [--ward 堺区] [--json], '
        'or --jsonl to read lines {"q": ...} from standard input and write one answer a line.'
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "text", nargs="?", default=None, help="The worry, in the person's words."
        )
        parser.add_argument("--ward", default="", help="堺区, sakai, … (own ward first).")
        parser.add_argument("--json", action="store_true", help="Print the answer as JSON.")
        parser.add_argument(
            "--jsonl", action="store_true", help="Read JSON lines from stdin, write JSON lines."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ward = options["ward"]
        if ward and not parse_ward(ward):
            raise CommandError(f"区がわかりません: {ward}")
        if options["jsonl"]:
            self._jsonl(ward)
            return
        if options["text"] is None:
            raise CommandError("相談したいことを引数で渡してください（または --jsonl）。")
        answer = recommend(options["text"], ward=ward)
        if options["json"]:
            self.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
            return
        self._human(answer.as_json())

    def _jsonl(self, ward: str) -> None:
        stdin = sys.stdin
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                q = row["q"] if isinstance(row, dict) else None
                if not isinstance(q, str):
                    raise ValueError("q")
            except (ValueError, KeyError, TypeError):
                out = {"error": f'{number}行目を読めません: {{"q": "..."}} の形で書いてください。'}
            else:
                row_ward = row.get("ward") if isinstance(row.get("ward"), str) else ward
                out = recommend(q, ward=row_ward).as_json()
            self.stdout.write(json.dumps(out, ensure_ascii=False))

    def _human(self, data: dict[str, Any]) -> None:
        if data["crisis"]:
            self.stdout.write("【いますぐ話せる窓口】")
            for line in data["crisis_lines"]:
                self.stdout.write(f"  {line['name']} {line['number']} （{line['hours']}）")
            self.stdout.write("  " + data["emergency"])
        for need in data["needs"]:
            words = "、".join(need["because"])
            self.stdout.write(
                f"お悩み: {need['label']} ({need['code']}, {need['score']}) ← {words}"
            )
        if not data["needs"]:
            self.stdout.write("お悩みを読みとれませんでした。")
        for number, service in enumerate(data["services"], start=1):
            self.stdout.write(f"{number}. {service['name']} — {service['why']}")
