from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.core.tasks import Worker, load_task_modules


class Command(BaseCommand):
    help = (
        "バックグラウンドの仕事（メールの送信、期限の確認など）を実行します。"
        "データベースのキューを処理し、定期的な仕事を時間ごとに登録します。"
        "データベースのエラーが起きても止まらず、少し待ってから続けます。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="仕事がないときに待つ秒数。"
        )
        parser.add_argument(
            "--rounds", type=int, default=0, help="この回数だけ回って終わります（0 は止めるまで）。"
        )
        parser.add_argument(
            "--beat-only",
            action="store_true",
            help="定期的な仕事の登録だけをします（Redis のキューを rqworker が処理するとき）。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
        from django_tasks_db.backend import DatabaseBackend

        beat_only = bool(options["beat_only"])
        if not beat_only and not isinstance(
            task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend
        ):
            raise CommandError(
                "TASKS_BACKEND がデータベースではありません。"
                "そのキューの worker（例: rqworker）と、run_worker --beat-only を使ってください。"
            )
        load_task_modules()
        worker = Worker(interval=options["interval"], run_tasks=not beat_only)
        worker.database_worker.configure_signals()
        if int(options["verbosity"]) > 0:
            self.stdout.write("worker を始めました（止めるには Ctrl+C）")
        if beat_only:
            worker.run(rounds=options["rounds"])
        else:  # runs tasks: others must be able to tell when it has died
            worker.run_with_heartbeat(rounds=options["rounds"])
