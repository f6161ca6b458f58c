"""The RQ worker Guichet runs: RQ's own, with a stop that always ends.

A stop asked for (SIGTERM, SIGINT) lets the running job finish; what follows is housekeeping
(scheduler child, death registered in Redis, pub/sub thread), and RQ bounds none of it: its
scheduler is joined without a limit, and a worker seen stuck there for minutes is known
(rq/rq#2201). Nothing is left to lose once the last job is done (the database is the record
and the sweeper queues again what Redis lost), so past STOP_SECONDS the worker writes every
thread's stack to its log and exits.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading

from rq import Worker
from rq.worker import WorkerStatus

log = logging.getLogger(__name__)


class GuichetWorker(Worker):
    STOP_SECONDS = 30.0

    _stop_bounded = False

    def request_stop(self, signum, frame):
        if self.get_state() != WorkerStatus.BUSY:  # idle: the stop begins now
            self._bound_the_stop()
        super().request_stop(signum, frame)

    def teardown(self):
        if not self.is_horse:  # a busy worker's stop begins once its job is done
            self._bound_the_stop()
        super().teardown()

    def _bound_the_stop(self) -> None:
        if self._stop_bounded:
            return
        self._stop_bounded = True
        seconds = self.STOP_SECONDS

        def give_up() -> None:
            log.error("Arrêt du worker bloqué depuis %.0f s : piles des fils ci-dessous, sortie forcée.", seconds)
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
            sys.stderr.flush()
            os._exit(0)  # the stop asked for is done: nothing of the work was pending

        timer = threading.Timer(seconds, give_up)
        timer.daemon = True
        timer.start()
