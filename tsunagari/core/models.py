"""What the task workers say about themselves (docs/decisions/0041).

Each ``run_worker`` process writes its heartbeat here every few seconds from a thread of its
own, so that a task left RUNNING by a worker that died (kill -9, a crash, the machine going
down) can be told from one that is simply long: its worker has not been seen for
``TASK_WORKER_STALE_SECONDS``, and ``tsunagari.core.tasks.requeue_abandoned`` puts it back.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("worker の ID"), max_length=64, unique=True)
    host = models.CharField(_("マシン"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("プロセス番号"), null=True, blank=True)
    started_at = models.DateTimeField(_("始めた日時"), default=timezone.now)
    seen_at = models.DateTimeField(_("最後に動いていた日時"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker の動作記録")
        verbose_name_plural = _("worker の動作記録")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
