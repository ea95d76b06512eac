"""accounts is below partners: roles and invitations live here, and nothing in accounts imports
partners (docs/decisions/0041), so the two no longer import each other."""

import ast
from pathlib import Path

import tsunagari.accounts

ACCOUNTS = Path(tsunagari.accounts.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_module_of_accounts_imports_partners() -> None:
    offenders = {
        str(path.relative_to(ACCOUNTS)): sorted(
            m for m in imported_modules(path) if m.startswith("tsunagari.partners")
        )
        for path in ACCOUNTS.rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_roles_and_invitations_are_accounts_models_on_their_old_tables() -> None:
    from tsunagari.accounts.models import Invitation, Role

    assert (Role._meta.app_label, Role._meta.db_table) == ("accounts", "partners_role")
    assert (Invitation._meta.app_label, Invitation._meta.db_table) == (
        "accounts",
        "partners_invitation",
    )
