"""The folders of report/ are the stages of the pipeline, and the imports point one way.

A module's stage is its folder (report/inputs/x.py is in "inputs"); the few modules at the
top of the package are the vocabulary every stage shares. A module may reach, through any
chain of imports, only modules of its own stage or of earlier ones; the model and the charts
reach no module that opens files or imports a reader or writer of files (openpyxl,
python-calamine, WeasyPrint, Jinja). There are no import circles, and no module grows past
700 lines.

Imports are read with `ast`, every one of them: function-level imports and those under
`if TYPE_CHECKING:` too (a module that needs another only for a type hint still depends on
it). Importing report.inputs.dataset runs report/inputs/__init__.py first, so a module
reaches the packages above every module it imports.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

from tests.helpers import PROJECT

PACKAGE = PROJECT / "report"
MAX_LINES = 700

# The stages in the order the data flows through them. "shared": the modules at the top of
# the package (errors, vocabulary, format, resources); "entry": python -m report.
STAGES = ("shared", "promise", "inputs", "model", "charts", "output", "app", "entry")
PURE_STAGES = ("model", "charts")
FILE_LIBRARIES = ("openpyxl", "python_calamine", "weasyprint", "jinja2")
# Calls that open, list, write or remove files (Path's methods, os and tempfile).
FILE_CALLS = frozenset(
    {
        "open",
        "fdopen",
        "read_bytes",
        "read_text",
        "write_bytes",
        "write_text",
        "iterdir",
        "glob",
        "rglob",
        "mkdir",
        "rmdir",
        "unlink",
        "touch",
        "mkstemp",
        "TemporaryFile",
        "NamedTemporaryFile",
    }
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("report", *parts))


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str:
    """The stage of a module of report/, from its folder."""
    parts = module.split(".")
    if module == "report.__main__":
        return "entry"
    return "shared" if len(parts) <= 2 and not (PACKAGE / parts[-1]).is_dir() else parts[1]


def resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module name of a relative `from ... import`."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def parents(module: str) -> list[str]:
    """The packages whose __init__ runs before `module`: report.inputs for report.inputs.x."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of report/ that `name` imports (`from . import x` counts as report.x),
    and the packages above each of them."""
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
    found |= {parent for module in found for parent in parents(module) if parent in known}
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, set(known)) for name, path in known.items()}


def handles_files(path: Path) -> list[str]:
    """What in a module opens, lists or writes files, or imports a library that reads or
    writes them: 'open()', 'weasyprint', '.read_bytes()' …"""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        found += [n for n in names if n.split(".")[0] in FILE_LIBRARIES]
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                found.append("open()")
            elif isinstance(func, ast.Attribute) and func.attr in FILE_CALLS:
                found.append(f".{func.attr}()")
    return found


def chain(graph: dict[str, set[str]], start: str, bad) -> list[str] | None:
    """The shortest chain of imports from `start` to a module for which `bad` holds."""
    came_from: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph.get(node, ())):
            if target in came_from:
                continue
            came_from[target] = node
            if bad(target):
                path = [target]
                while (step := came_from[path[-1]]) is not None:
                    path.append(step)
                return path[::-1]
            queue.append(target)
    return None


def crossings(graph: dict[str, set[str]]) -> list[str]:
    """Every module that reaches a module of a later stage, with the chain that does."""
    found = []
    for module in sorted(graph):
        own = STAGES.index(stage(module))
        path = chain(graph, module, lambda target, own=own: STAGES.index(stage(target)) > own)
        if path:
            found.append(" -> ".join(path))
    return found


def impure(graph: dict[str, set[str]], files: dict[str, list[str]]) -> list[str]:
    """Every module of the model or the charts that reaches code handling files."""
    found = []
    for module in sorted(graph):
        if stage(module) not in PURE_STAGES:
            continue
        if files.get(module):
            found.append(f"{module} ({', '.join(files[module])})")
            continue
        path = chain(graph, module, lambda target: bool(files.get(target)))
        if path:
            found.append(f"{' -> '.join(path)} ({', '.join(files[path[-1]])})")
    return found


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


# --- the house as it is -----------------------------------------------------------------


def test_every_module_lives_in_a_stage() -> None:
    unknown = {name: stage(name) for name in modules() if stage(name) not in STAGES}
    assert not unknown, f"A folder of report/ that is no stage: {unknown}"
    top = sorted(name for name in modules() if stage(name) == "shared")
    assert len(top) <= 6, f"Only the shared vocabulary stays at the top: {top}"


def test_the_graph_sees_known_imports() -> None:
    graph = import_graph()
    assert "report.inputs.kinds.registry" in graph["report.inputs.validate"]
    assert "report.inputs.dataset" in graph["report.model.report"]
    assert "report.inputs.kinds.activity" in graph["report.inputs.kinds.registry"]
    assert "report.inputs.csv_file" in graph["report.inputs.workbook"]  # in a function
    assert "report.inputs" in graph["report.model.report"]  # the package above a module
    assert "report.promise.types" in graph["report.inputs.kinds.activity"]  # type hints only


def test_no_import_circles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "Import circle: " + " -> ".join(cycle or ())


def test_no_module_reaches_a_later_stage() -> None:
    crossed = crossings(import_graph())
    assert not crossed, "A module reaches a later stage:\n" + "\n".join(crossed)


def test_the_model_and_the_charts_reach_no_file_handling() -> None:
    files = {name: handles_files(path) for name, path in modules().items()}
    found = impure(import_graph(), files)
    assert not found, "The model or the charts reach code that handles files:\n" + "\n".join(found)


def test_no_module_is_longer_than_700_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


# --- the checks themselves --------------------------------------------------------------


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_stages_come_from_the_folders() -> None:
    assert stage("report.errors") == stage("report.vocabulary") == "shared"
    assert stage("report.inputs.kinds.activity") == "inputs"
    assert stage("report.model") == "model"  # the package itself
    assert stage("report.__main__") == "entry"


def test_a_crossing_is_found_directly_and_through_a_chain() -> None:
    graph = {
        "report.model.a": {"report.model.b"},
        "report.model.b": {"report.output.c"},  # planted: the model uses an output
        "report.output.c": set(),
        "report.inputs.d": {"report.vocabulary"},
        "report.vocabulary": {"report.inputs.e"},  # planted: shared vocabulary uses inputs
        "report.inputs.e": set(),
        "report.charts.f": {"report.model.a"},
    }
    assert crossings(graph) == [
        "report.charts.f -> report.model.a -> report.model.b -> report.output.c",
        "report.model.a -> report.model.b -> report.output.c",
        "report.model.b -> report.output.c",
        "report.vocabulary -> report.inputs.e",
    ]


def test_file_handling_is_found_through_a_chain() -> None:
    graph = {
        "report.charts.a": {"report.vocabulary"},
        "report.vocabulary": {"report.shared_io"},
        "report.shared_io": set(),
        "report.model.b": set(),
        "report.output.c": {"report.shared_io"},  # outputs may write files
    }
    files = {"report.shared_io": [".read_text()"], "report.model.b": ["weasyprint"]}
    assert impure(graph, files) == [
        "report.charts.a -> report.vocabulary -> report.shared_io (.read_text())",
        "report.model.b (weasyprint)",
    ]


def test_file_handling_is_recognised(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import jinja2\nfrom openpyxl import Workbook\n"
        "def f(p):\n    open(p)\n    return p.read_bytes(), 'a'.replace('a', 'b')\n",
        encoding="utf-8",
    )
    assert handles_files(module) == ["jinja2", "openpyxl", "open()", ".read_bytes()"]
    module.write_text("import pandas\nx = [1].copy()\n", encoding="utf-8")
    assert handles_files(module) == []
