"""Several promises at once: every folder in inputs/ holding its own promise file is a
report of its own (a region, or a police area following several municipalities).

inputs/ itself holding the promise file and no such folders stays the simple case (and
builds the example when it holds no exports). With folders, inputs/ itself counts only
if it holds exports too. The reports are built in parallel, one process per core at most;
one folder's bad input does not stop the others, and every folder ends with a FolderResult
that says what was written or what went wrong.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from report.app.feedback import Feedback, Stage, seconds
from report.app.workers import available_cores
from report.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, Code, InputError, Problem, ReportError
from report.inputs.folder import PROMISE_FILE, InputFolder, discover

if TYPE_CHECKING:
    from report.app.pipeline import Options, Written
    from report.promise.types import Promise


@dataclass(frozen=True)
class FolderResult:
    """What became of one folder: its files on success, the Swedish message on failure."""

    folder: Path
    label: str
    exit_code: int
    message: str = ""
    files: tuple[Written, ...] = ()  # the PDF first
    year: int | None = None
    lines: tuple[str, ...] = ()  # duplicates and warnings to show after the build
    stages: tuple[Stage, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_OK


def report_folders(inputs: Path, listing: InputFolder | None = None) -> list[Path]:
    """The folders to build, inputs/ itself first. [inputs] is the simple case. `listing`:
    inputs/ as this run listed it already."""
    if not inputs.is_dir():
        return [inputs]
    listing = listing or discover(inputs)
    subfolders = [d for d in listing.subfolders if (d / PROMISE_FILE).is_file()]
    if not subfolders:
        return [inputs]
    own = listing.promise.is_file() and bool(listing.exports)
    return ([inputs] if own else []) + subfolders


def promise_folders(inputs: Path) -> list[Path]:
    """Every folder with a promise file: inputs/ itself and its subfolders."""
    if not inputs.is_dir():
        return []
    candidates = [inputs, *discover(inputs).subfolders]
    return [folder for folder in candidates if (folder / PROMISE_FILE).is_file()]


def is_batch(inputs: Path, folders: Sequence[Path]) -> bool:
    return list(folders) != [inputs]


def label_of(folder: Path, inputs: Path) -> str:
    return folder.name if folder != inputs else f"{inputs.name}/"


def workers_for(folders: int, cores: int | None = None) -> int:
    return max(1, min(cores or available_cores(), folders))


def plan(inputs: Path, folders: Sequence[Path]) -> tuple[dict[Path, Promise], list[FolderResult]]:
    """Folders that can be built, with their promise (read here, once for the run), and
    results for those that cannot: an unreadable promise file, or two promises with the
    same id (their reports would overwrite each other in outputs/)."""
    from report.inputs.promise_file import load_promise

    slugs: dict[str, list[Path]] = defaultdict(list)
    promises: dict[Path, Promise] = {}
    failed: list[FolderResult] = []
    for folder in folders:
        try:
            promises[folder] = load_promise(folder / PROMISE_FILE)
        except ReportError as error:
            failed.append(
                FolderResult(folder, label_of(folder, inputs), error.exit_code, str(error))
            )
            continue
        slugs[promises[folder].slug].append(folder)
    buildable: list[Path] = []
    for slug, same in slugs.items():
        if len(same) == 1:
            buildable.extend(same)
            continue
        names = ", ".join(f"{label_of(f, inputs)}/{PROMISE_FILE}" for f in same)
        for folder in same:
            message = (
                f"Löftena i {names} har samma id ”{slug}”, så deras rapporter skulle "
                "skriva över varandra i outputs/. Ge varje löfte ett eget id under "
                "[lofte] (t.ex. med kommunens namn)."
            )
            failed.append(
                FolderResult(
                    folder,
                    label_of(folder, inputs),
                    EXIT_INPUT,
                    InputError(
                        [Problem(PROMISE_FILE, message, code=Code.PROMISE_ID_TWICE, value=slug)]
                    ).describe(),
                )
            )
    order = {folder: i for i, folder in enumerate(folders)}
    return {f: promises[f] for f in sorted(buildable, key=order.__getitem__)}, failed


def _warm_up() -> None:
    """Import the heavy libraries once per worker process, before the first report."""
    import matplotlib.figure  # noqa: F401
    import pandas  # noqa: F401
    import weasyprint  # noqa: F401

    from report.app import pipeline  # noqa: F401


def build_folder(
    folder: Path,
    label: str,
    template: Options,
    allow_example: bool,
    promise: Promise | None = None,
) -> FolderResult:
    """One report; never raises (runs in a worker process). Every option but the folder
    comes from `template`, the options of the whole run (outputs, date, year, duplicates,
    the unpacked-size limit). `promise`: the folder's promise file, as the plan read it."""
    from report.app.feedback import duplicate_lines, write_crash_log
    from report.app.pipeline import build_report

    outputs = template.outputs
    started = time.perf_counter()
    feedback = Feedback.silent()
    try:
        listing = discover(folder)  # the folder's one listing, handed down to the report
        if not allow_example and not listing.exports:
            raise InputError(
                [
                    Problem(
                        f"{folder.name}/",
                        "Mappen har en löftesfil men inga exporter (.xlsx, .ods, .csv). "
                        "Lägg exporterna i mappen, eller ta bort mappen om löftet inte "
                        "ska följas upp.",
                        code=Code.FOLDER_WITHOUT_EXPORTS,
                    )
                ]
            )
        # One process per report: the batch's own pool keeps every core busy.
        options = dataclasses.replace(template, inputs=folder, workers=1)
        result = build_report(options, feedback=feedback, folder=listing, promise=promise)
    except ReportError as error:
        return FolderResult(
            folder,
            label,
            error.exit_code,
            str(error),
            stages=tuple(feedback.stages),
            seconds=time.perf_counter() - started,
        )
    except Exception:
        log = write_crash_log(outputs)
        message = (
            f"Ett internt fel inträffade – det är inte ditt fel. Detaljerna finns i {log}."
            " Skicka filen till den som förvaltar verktyget."
        )
        return FolderResult(
            folder, label, EXIT_INTERNAL, message, seconds=time.perf_counter() - started
        )
    return FolderResult(
        folder,
        label,
        EXIT_OK,
        "",
        result.files,
        result.model.year,
        (*duplicate_lines(result.model), *result.warnings),
        tuple(feedback.stages),
        time.perf_counter() - started,
    )


def run_batch(
    options: Options,
    folders: Sequence[Path],
    feedback: Feedback,
    workers: int | None = None,
    on_done: Callable[[FolderResult, int, int], None] | None = None,
) -> list[FolderResult]:
    """Every folder's result, in the folders' order; `options` (with inputs/ as its
    folder) holds what every report shares."""
    inputs = options.inputs
    buildable, failed = plan(inputs, folders)
    total = len(folders)
    results: dict[Path, FolderResult] = {o.folder: o for o in failed}
    finished = 0

    def done(result: FolderResult) -> None:
        nonlocal finished
        finished += 1
        results[result.folder] = result
        if on_done:
            on_done(result, finished, total)
        state = "klar" if result.ok else "fel"
        feedback.progress(finished, total, f"senast: {result.label} ({state})")

    for result in failed:
        done(result)
    count = workers or workers_for(len(buildable))
    feedback.info(f"Bygger {len(buildable)} rapporter, {count} åt gången …")
    feedback.progress(finished, total, "")
    arguments = [
        (folder, label_of(folder, inputs), options, False, promise)
        for folder, promise in buildable.items()
    ]
    if count == 1:
        _warm_up()
        for args in arguments:
            done(build_folder(*args))
    else:
        with ProcessPoolExecutor(max_workers=count, initializer=_warm_up) as pool:
            futures = [pool.submit(build_folder, *args) for args in arguments]
            for future in as_completed(futures):
                done(future.result())
    return [results[folder] for folder in folders]


def summary_lines(results: Sequence[FolderResult]) -> list[str]:
    """The final summary: which reports were built, which failed and why."""
    built = [o for o in results if o.ok]
    failed = [o for o in results if not o.ok]
    lines = [f"Sammanfattning: {len(built)} av {len(results)} rapporter byggdes."]
    if built:
        lines.append("Klara:")
        for o in built:
            lines.append(f"  ✓ {o.label} ({o.year}, {seconds(o.seconds)})")
            lines += [f"      {written.label}: {written.path}" for written in o.files]
    if failed:
        lines.append(
            "Misslyckades (inga nya filer skrevs för dessa; tidigare rapporter ligger kvar orörda):"
        )
        for o in failed:
            lines.append(f"  ✗ {o.label}")
            lines += [f"      {line}" if line else "" for line in o.message.splitlines()]
    return lines


def exit_code(results: Sequence[FolderResult]) -> int:
    return max((o.exit_code for o in results), default=EXIT_OK)
