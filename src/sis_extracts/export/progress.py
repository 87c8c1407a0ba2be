"""Progress on stderr: which step, which dbt node, how many rows. Never any row content."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progress:
    def __init__(self, extract: str, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.extract = extract
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._broken = False

    def _elapsed(self) -> str:
        s = int(time.monotonic() - self.started)
        return f"{s // 60:d}:{s % 60:02d}"

    def _emit(self, line: str) -> None:
        # dbt reports from its worker threads: one whole line per write; a closed stderr (a pipe
        # into `head`) silences progress instead of failing the run
        if self._broken:
            return
        with self._lock:
            try:
                self.stream.write(line + "\n")
                self.stream.flush()
            except (OSError, ValueError):
                self._broken = True

    def step(self, message: str) -> None:
        if not self.quiet:
            self._emit(f"[{self._elapsed()}] {self.extract}: {message}")

    def warn(self, message: str) -> None:
        # warnings are shown even with --quiet
        self._emit(f"[{self._elapsed()}] {self.extract}: warning: {message}")


class DbtProgress:
    """dbt event callback: one line per model/seed built, failures and warnings as they happen."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.models_done = 0
        self.tests = {"pass": 0, "warn": 0, "fail": 0, "error": 0, "skipped": 0}

    def __call__(self, event) -> None:  # dbt EventMsg
        name = event.info.name
        try:
            if name in ("LogModelResult", "LogSeedResult"):
                d = event.data
                node = d.node_info.node_name
                status = (d.status or "").lower()
                self.models_done += 1
                secs = f"{d.execution_time:.1f}s" if getattr(d, "execution_time", 0) else ""
                word = "built" if status not in ("error", "skipped") else status
                self.progress.step(f"dbt [{d.index}/{d.total}] {word} {node} {secs}".rstrip())
            elif name == "LogTestResult":
                d = event.data
                status = (d.status or "").lower()
                if status in self.tests:
                    self.tests[status] += 1
                if status in ("fail", "warn", "error"):
                    n = getattr(d, "num_failures", 0)
                    rows = f" ({n} row(s))" if n else ""
                    self.progress.step(f"dbt [{d.index}/{d.num_models}] test {status}: {d.name}{rows}")
            elif name == "LogHookEndLine":
                self.progress.step("dbt: raw files checked against the raw contract")
        except (AttributeError, TypeError, ValueError):  # progress must never break a run
            return
