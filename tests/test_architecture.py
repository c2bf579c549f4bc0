"""The layers of report/ point one way: no import circles, the model reads no files and
writes none, the reading side knows nothing of the writers, and no module grows past 700
lines. Imports are read with `ast`, every one of them: function-level imports and those
under `if TYPE_CHECKING:` too (a module that needs another only for a type hint still
depends on it), so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import PROJECT

PACKAGE = PROJECT / "report"
MAX_LINES = 700

MODEL = {
    "model",
    "indicators",
    "overview",
    "chartdata",
    "stats",
    "domain",
    "format",
    "period",
    "status",
    "whole_period",
    "texts",
    "outcomes",
    "stat_outcomes",
}
READING = {
    "load",
    "csv_input",
    "container",
    "sheets",
    "validate",
    "check",
    "kinds",
    "input_checks",
}
WRITING = {
    "render",
    "pdf",
    "charts",
    "chart_layout",
    "underlag",
    "attachments",
    "preview",
    "xlsx_templates",
    "tables",
    "safe_cells",
    "template_files",
    "outcome_charts",
    "stat_tables",
    "table_types",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("report", *parts))


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module name of a relative `from ... import`."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of report/ that `name` imports (`from . import x` counts as report.x)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            target = resolve(node, name, path.name == "__init__.py")
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
                elif target in known:
                    found.add(target)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, set(known)) for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path that starts and ends at the same module, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def layer(module: str) -> str | None:
    top = module.split(".")[1] if module.count(".") else ""
    for name, members in (("model", MODEL), ("reading", READING), ("writing", WRITING)):
        if top in members:
            return name
    return None


def crossings(graph: dict[str, set[str]]) -> list[str]:
    forbidden = {("model", "reading"), ("model", "writing"), ("reading", "writing")}
    return sorted(
        f"{importer} -> {imported}"
        for importer, targets in graph.items()
        for imported in targets
        if (layer(importer), layer(imported)) in forbidden
    )


def test_the_graph_sees_known_imports() -> None:
    graph = import_graph()
    assert "report.kinds.registry" in graph["report.validate"]
    assert "report.domain" in graph["report.model"]
    assert "report.kinds.activity" in graph["report.kinds.registry"]  # from . import activity
    assert "report.pdf" in graph["report.xlsx_templates"]  # a function-level import
    assert "report.kinds.registry" in graph["report.promise"]  # so is this one
    assert "report.promise" not in graph["report.kinds.activity"]  # only for type hints


def test_no_import_circles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "Import circle: " + " -> ".join(cycle or ())


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_layers_point_one_way() -> None:
    crossed = crossings(import_graph())
    assert not crossed, "Layer crossed:\n" + "\n".join(crossed)


def test_the_layer_check_catches_a_crossing() -> None:
    graph = {"report.model": {"report.validate"}, "report.load": {"report.render"}}
    assert crossings(graph) == ["report.load -> report.render", "report.model -> report.validate"]


def test_every_module_of_report_is_in_the_graph() -> None:
    names = set(import_graph())
    assert {"report.validate", "report.kinds.survey_wide", "report.kinds"} <= names
    assert all(layer(f"report.{top}") for top in MODEL | READING | WRITING)


def test_no_module_is_longer_than_700_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
