"""The `guichet` root: every command reachable from one table, and each command loading only what
it uses (`guichet --help` and `guichet process` never import Flask)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib

import click
import pytest

from tests.conftest import ROOT

# Runs the console script's target as the installed `guichet` does, then lists what got imported.
PROBE = """
import importlib, json, sys
target = sys.argv[1]
sys.argv = ["guichet", *sys.argv[2:]]
module, attribute = target.split(":")
try:
    getattr(importlib.import_module(module), attribute)()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

HEAVY = ("flask", "spacy", "schemas.cog", "extractors.ocr", "extractors.fields", "worker.core.pipeline", "cv2",
         "numpy", "PIL")
COMMAND_MODULES = ("worker/entry/cli.py", "worker/entry/commands.py", "guichet_cli/service_commands.py")


def entry_point() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["guichet"]


def imported_by(*args: str, data_dir) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GUICHET_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", PROBE, entry_point(), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0, done.stderr[-2000:]
    return set(report["modules"])


@pytest.mark.parametrize("args", [["--help"], ["process", "--help"]], ids=" ".join)
def test_help_imports_neither_flask_nor_the_readers(args, tmp_path):
    modules = imported_by(*args, data_dir=tmp_path / "var")
    assert "click" in modules  # the probe did run the command
    assert [name for name in HEAVY if name in modules] == []
    assert not any(name.startswith(("sqlalchemy", "alembic", "service")) for name in modules)


def test_process_on_an_empty_folder_loads_no_reader_and_no_web_service(tmp_path):
    (tmp_path / "empty").mkdir()
    modules = imported_by("process", "--out", str(tmp_path / "out"), str(tmp_path / "empty"),
                          data_dir=tmp_path / "var")
    assert (tmp_path / "out" / "index.json").exists()
    assert "worker.persistence.store" in modules
    assert [name for name in HEAVY if name in modules] == []
    assert not any(name == "service" or name.startswith("service.") for name in modules)


def test_the_console_script_is_the_lazy_root():
    import importlib

    from guichet_cli import LazyGroup

    module, attribute = entry_point().split(":")
    assert isinstance(getattr(importlib.import_module(module), attribute), LazyGroup)


def test_every_command_defined_is_in_the_table_and_resolves():
    """A command added to one of the modules but not to the table would be unreachable."""
    from guichet_cli import COMMANDS, main

    defined = set()
    for relative in COMMAND_MODULES:
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        module = relative.removesuffix(".py").replace("/", ".")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and any(_is_click_root(d) for d in node.decorator_list):
                defined.add(f"{module}:{node.name}")
    assert defined == set(COMMANDS.values())
    ctx = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.help, name
    assert main.list_commands(ctx) == sorted(COMMANDS)


def _is_click_root(decorator: ast.expr) -> bool:
    """`@click.command(...)` or `@click.group(...)` (not a subcommand of a group of the module)."""
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(call, ast.Attribute) and isinstance(call.value, ast.Name) and call.value.id == "click"
            and call.attr in ("command", "group"))


def test_the_head_read_from_the_files_is_alembics_head():
    from alembic.script import ScriptDirectory

    from worker.persistence.migrate import alembic_config, head_revision

    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads() == [head_revision()]


def test_a_database_brought_up_to_date_is_seen_at_the_head(store):
    """Then the next start skips Alembic (on PostgreSQL too: the version is read in the right schema)."""
    from worker.persistence.migrate import current_revision, head_revision

    assert current_revision(store.engine) == head_revision() is not None


def test_a_second_start_on_an_up_to_date_database_does_not_load_alembic(tmp_path):
    (tmp_path / "empty").mkdir()
    args = ("process", "--out", str(tmp_path / "out"), str(tmp_path / "empty"))
    # a new SQLite database gets the schema the migrations make, recorded (test_speed36_startup)
    assert "alembic" not in imported_by(*args, data_dir=tmp_path / "var")
    assert (tmp_path / "var" / "guichet.sqlite3").exists()
    assert "alembic" not in imported_by(*args, data_dir=tmp_path / "var")
