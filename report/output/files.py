"""Writing the outputs: every file the tool writes goes through an OutputFolder, atomically,
and never outside that folder."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFolder:
    """The folder the outputs go to (outputs/, or outputs/mallar/ for the templates)."""

    root: Path

    def path(self, name: str) -> Path:
        """The file `name` inside the folder; ValueError for a name that would lead out of
        it ('../x', an absolute path)."""
        target = self.root / name
        inside = target.resolve().is_relative_to(self.root.resolve())
        if not inside or target.resolve() == self.root.resolve():
            raise ValueError(f"{name!r} is not a file inside {self.root}")
        return target

    def write(self, name: str, data: bytes) -> Path:
        """`data` as the file `name` in the folder, written atomically."""
        target = self.path(name)
        write_atomically(target, data)
        return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file next to the target and rename it into place, so a failing
    or killed run never leaves a partial file under the report's name. The file gets the
    usual permissions (0666 less the umask), not mkstemp's owner-only 0600: the report is
    meant to be shared."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
