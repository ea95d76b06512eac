import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from tsunagari.outbox.sending import due_messages, send_due


class Command(BaseCommand):
    verbosity = 1
    help = (
        "送信待ちのメールを SMTP で送ります。失敗したメールは時間をおいて送り直します。"
        "ふだんは run_worker が送るので、手で送るとき・確かめるときに使います。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop", action="store_true", help="止めるまで、一定の間隔でくり返し送ります。"
        )
        parser.add_argument("--interval", type=int, default=30, help="くり返す間隔（秒）。")
        parser.add_argument(
            "--iterations", type=int, default=0, help="--loop で送る回数（0 は止めるまで）。"
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="ここでは送らず、送る時期が来たメールをタスクとして worker に渡します。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options.get("verbosity", 1))
        if options["enqueue"]:
            from tsunagari.outbox.tasks import send_message

            pks = due_messages()
            for pk in pks:
                send_message.enqueue(pk)
            self.stdout.write(f"{len(pks)} 件をタスクにしました")
            return
        if not options["loop"]:
            self._once()
            return
        done = 0
        try:
            while True:
                self._once()
                done += 1
                if options["iterations"] and done >= options["iterations"]:
                    return
                # a long-running loop must not keep a stale database connection
                # (never inside a transaction, e.g. when a test drives the command)
                if not connection.in_atomic_block:
                    close_old_connections()
                time.sleep(max(1, options["interval"]))
        except KeyboardInterrupt:
            self.stdout.write("止めました。")

    def _once(self) -> None:
        result = send_due()
        if result.sent or result.failed or result.database_errors or self.verbosity > 1:
            line = f"送信 {result.sent} 件、失敗 {result.failed} 件"
            if result.database_errors:
                line += "（データベースのエラーで途中まで。次の回に続けます）"
            self.stdout.write(line)
