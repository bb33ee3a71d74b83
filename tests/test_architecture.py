"""The house rules of the code's layout: areas, no cycles, no upward imports, one transaction boundary."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "caseflow"
LOWER_LAYERS = ("caseflow.models", "caseflow.workflows", "caseflow.deadlines", "caseflow.calendar")
UPPER_LAYERS = (
    "caseflow.services",
    "caseflow.views",
    "caseflow.api",
    "caseflow.open311",
    "caseflow.cli",
    "caseflow.jobs",
    "caseflow.web",
    "caseflow.demo",
)
WEB_AND_JOBS = tuple(layer for layer in UPPER_LAYERS if layer != "caseflow.services")
# Wiring that may import inside a function: the app factory, blueprint and API registration, the CLI.
LOCAL_IMPORTS_ALLOWED = ("caseflow", "caseflow.api", "caseflow.open311", "caseflow.views", "caseflow.cli")


def module_name(path: Path) -> str:
    """The dotted name of a source file of the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, ast.Module]:
    """Every module of the package, parsed."""
    return {module_name(path): ast.parse(path.read_text(), str(path)) for path in PACKAGE.rglob("*.py")}


SOURCES = sources()


def _is_type_checking(node: ast.If) -> bool:
    """`if TYPE_CHECKING:` blocks import for annotations only."""
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def top_level_imports(tree: ast.Module) -> set[str]:
    """The caseflow modules a module imports when it loads (not under TYPE_CHECKING, not in functions)."""
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and _is_type_checking(node):
            continue
        for inner in [node, *ast.walk(node)] if isinstance(node, ast.If | ast.Try) else [node]:
            found |= _imported(inner)
    return {name for name in found if name.startswith("caseflow")}


def _imported(node: ast.AST) -> set[str]:
    """The modules one import statement names (a `from package import module` names the module)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if isinstance(node, ast.ImportFrom) and node.module:
        names = {f"{node.module}.{alias.name}" for alias in node.names}
        return {name for name in names if name in SOURCES} or {node.module}
    return set()


def local_imports(tree: ast.Module) -> list[tuple[str, int]]:
    """(function, line) of every import inside a function body."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append((node.name, inner.lineno))
    return found


def test_services_hold_areas_only():
    """No flat module at the top of services/: every rule lives in the room of its area."""
    services = PACKAGE / "services"
    flat = sorted(p.name for p in services.glob("*.py") if p.name != "__init__.py")
    assert flat == []
    areas = sorted(p.name for p in services.iterdir() if (p / "__init__.py").exists())
    documented = (services / "__init__.py").read_text()
    assert areas and all(f"{area}/" in documented for area in areas), "services/__init__ maps every area"


def test_no_import_cycles():
    """Modules import one another in one direction only."""
    graph = {name: top_level_imports(tree) & SOURCES.keys() for name, tree in SOURCES.items()}
    cycles = _cycles(graph)
    assert cycles == [], cycles


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target == node or _is_parent_package(target, node):
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _is_parent_package(target: str, node: str) -> bool:
    """A package's __init__ importing its own modules is not a cycle with them."""
    return node.startswith(target + ".") or target.startswith(node + ".")


@pytest.mark.parametrize("layer", LOWER_LAYERS)
def test_lower_layers_do_not_import_upwards(layer):
    """Models, workflows, deadlines and calendar never import services or the web layer."""
    upward = {
        (name, imported)
        for name, tree in SOURCES.items()
        if name == layer or name.startswith(layer + ".")
        for imported in _all_imports(tree)
        if imported.startswith(UPPER_LAYERS)
    }
    assert upward == set()


def test_services_do_not_import_the_web_layer_or_jobs():
    """Services are below views, API, CLI, jobs, web plumbing and the demo."""
    upward = {
        (name, imported)
        for name, tree in SOURCES.items()
        if name.startswith("caseflow.services")
        for imported in _all_imports(tree)
        if imported.startswith(WEB_AND_JOBS)
    }
    assert upward == set()


def _all_imports(tree: ast.Module) -> set[str]:
    """Every caseflow module a module imports, wherever the import stands."""
    return {name for node in ast.walk(tree) for name in _imported(node) if name.startswith("caseflow")}


def test_no_function_local_imports_outside_wiring():
    """Imports stand at the top of modules, except in the app factory, its registrations and the CLI."""
    misplaced = {
        (name, function, line)
        for name, tree in SOURCES.items()
        if name not in LOCAL_IMPORTS_ALLOWED and not name.startswith("caseflow.cli.")
        for function, line in local_imports(tree)
    }
    assert misplaced == set()


def test_one_transaction_boundary():
    """Only caseflow.transaction commits or rolls back; services never import it (they flush)."""
    calls = {
        (name, node.lineno)
        for name, tree in SOURCES.items()
        if name != "caseflow.transaction"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"commit", "rollback"}
    }
    assert calls == set()
    committing_services = {
        name
        for name, tree in SOURCES.items()
        if name.startswith("caseflow.services") and "caseflow.transaction" in _all_imports(tree)
    }
    assert committing_services == set()
