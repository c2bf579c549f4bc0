"""The folders the command needs besides its code: templates/ (the report's layout and
style sheets) and example/ (the fictitious example exports and the example's promise file).

The project keeps both at its top level. A wheel (`pip install .`) carries them inside the
package, as report/data/templates and report/data/example: pyproject.toml maps the top-level
folders there when the wheel is built. A checkout (`pip install -e .`, as `make setup` does,
or `python -m report` in the project folder) has no such copies and uses the top-level
folders next to the package.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGED = "data"  # where a wheel keeps the folders, inside the package


def shipped_folder(name: str) -> Path:
    """templates/ or example/, wherever this copy of the package finds it."""
    package = Path(str(files(__package__)))
    packaged = package / PACKAGED / name
    return packaged if packaged.is_dir() else package.parent / name
