"""The progress bar of `claims ingest`: shown on a terminal for many files, loaded only then."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from .render import PlainLines

PROGRESS_MIN_FILES = 20


class IngestProgress:
    """An ``on_progress`` callback that shows a transient progress bar for many files, else nothing."""

    def __init__(self, console: Console | PlainLines, min_files: int = PROGRESS_MIN_FILES):
        self.console = console
        self.min_files = min_files
        self.progress = None  # a rich Progress, loaded only when a bar is shown
        self.task = None

    def __call__(self, done: int, total: int, path: str | None) -> None:
        if done == 0:
            if total >= self.min_files and self.console.is_terminal:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                self.progress = Progress(
                    TextColumn("Ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=self.console, transient=True,
                )
                self.progress.start()
                self.task = self.progress.add_task("ingest", total=total)
            return
        if self.progress is not None:
            self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
