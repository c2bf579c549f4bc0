"""Both cores for one report: while the main process lays out the PDF, worker processes draw
the charts and build the side outputs (the data workbook, the HTML preview).

Workers are forked from the main process after the model is built, so they start with every
library already imported and cost a few milliseconds each. With one worker (a single core,
or a report built inside a batch, whose pool already keeps every core busy) the work runs in
the calling process, in the order it is handed in, and nothing is forked.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")


CGROUP_V2_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
CGROUP_V1_CPU = Path("/sys/fs/cgroup/cpu")


def available_cores(
    cgroup_cpu_max: Path = CGROUP_V2_CPU_MAX, cgroup_v1_cpu: Path = CGROUP_V1_CPU
) -> int:
    """The cores this process may use: its CPU affinity (not the machine's count), capped by
    a container's CPU quota (cgroup v2 `cpu.max`, or cgroup v1 `cpu.cfs_quota_us` and
    `cpu.cfs_period_us`), rounded up."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    quota = _cpu_quota(cgroup_cpu_max, cgroup_v1_cpu)
    return cores if quota is None else min(cores, max(1, math.ceil(quota)))


def _cpu_quota(cgroup_cpu_max: Path, cgroup_v1_cpu: Path) -> float | None:
    """The container's CPU quota in cores, None when there is none (or it cannot be read)."""
    try:
        quota, period = cgroup_cpu_max.read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota_us = int((cgroup_v1_cpu / "cpu.cfs_quota_us").read_text())
        period_us = int((cgroup_v1_cpu / "cpu.cfs_period_us").read_text())
        return None if quota_us <= 0 or period_us <= 0 else quota_us / period_us
    except (OSError, ValueError):
        return None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


PARENT_POLL_SECONDS = 0.2
# Workers yield the processor to the main process, whose layout is what the report waits
# for: with two workers and the main process on two cores, the main process keeps a core of
# its own and the workers share the other until it waits for a chart.
WORKER_NICENESS = 5


def _start_worker(parent: int, prepare: Callable[[], None] | None) -> None:
    """Ctrl-C reaches the whole process group: the main process answers it, workers keep
    quiet (no traceback of their own) and are shut down by the main process. A main process
    that is killed cannot shut them down: each worker then ends itself, so none lingers
    holding the terminal or the pipes of whoever started the report."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    os.nice(WORKER_NICENESS)
    if prepare is not None:
        prepare()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


class Workers:
    """submit(fn, *args) -> Future, run in a forked worker process when `processes` > 1
    (fn and args must be picklable: module-level functions on model parts), else at once.

    The worker processes start on entering the context, each running `prepare` first (to
    import what its jobs need while the main process is still busy with something else)."""

    def __init__(self, processes: int, prepare: Callable[[], None] | None = None) -> None:
        self.processes = processes if can_fork() else 1
        self.prepare = prepare
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        if self.processes > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(), self.prepare),
            )
            self._pool.submit(os.getpid)  # the first job forks every worker
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            # After an error (bad input, say) the message need not wait for workers that
            # may still be importing: they leave as soon as they are done.
            self._pool.shutdown(wait=error is None, cancel_futures=True)
            self._pool = None

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self._pool is not None:
            return self._pool.submit(fn, *args)
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:  # handed back through the future, as a pool would
            future.set_exception(error)
        return future
