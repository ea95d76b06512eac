"""Validate HSDS documents against the vendored HSDS 3.1 schemas, strictly.

The HSDS schemas allow fields they do not name. Tsunagari does not: a field an HSDS
reader does not know is a mistake in our mapping (or, on import, in the file), so every
object schema is read with ``additionalProperties: false``. Formats (uuid, uri, email,
date-time) are checked too.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
BASE_URI = "https://tsunagari.invalid/hsds-3.1/"

# Endpoint and file shapes that the entity files do not spell out themselves.
ROOT = "api_root"
PAGE = "page"


def strict(schema: Any) -> Any:
    """A copy of ``schema`` in which every object with named properties allows no others."""
    if isinstance(schema, dict):
        result = {key: strict(value) for key, value in schema.items()}
        if "properties" in result and isinstance(result["properties"], dict):
            result["additionalProperties"] = False
        return result
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return data


@cache
def registry() -> Registry[Any]:
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        name = path.relative_to(SCHEMA_DIR).as_posix()
        if name == "openapi.json":
            continue
        schema = strict(_load(name))
        schema["$id"] = BASE_URI + name
        resources.append((BASE_URI + name, Resource.from_contents(schema, DRAFT202012)))
    return Registry().with_resources(resources)


def _openapi() -> dict[str, Any]:
    return _load("openapi.json")


def root_schema() -> dict[str, Any]:
    """The answer of ``GET /``, as the HSDS OpenAPI file defines it, every field required."""
    schema = copy.deepcopy(
        _openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    )
    schema["required"] = sorted(schema["properties"])
    return dict(strict(schema))


def page_schema(item: str) -> dict[str, Any]:
    """The HSDS page object (``components.schemas.Page``) whose ``contents`` are ``item``s.

    The OpenAPI file joins Page and contents with ``allOf``, which ``additionalProperties``
    cannot see through; the same fields are written out here in one object."""
    page = copy.deepcopy(_openapi()["components"]["schemas"]["Page"])
    page["properties"]["contents"] = {"type": "array", "items": {"$ref": BASE_URI + item}}
    page["required"] = sorted(page["properties"])
    return dict(strict(page))


def entity_schema(name: str) -> dict[str, Any]:
    """An entity file (``service.json``, ``compiled/service_list.json`` …) by reference."""
    return {"$ref": BASE_URI + name}


def list_schema(name: str) -> dict[str, Any]:
    """A JSON array of one entity (the files of an export)."""
    return {"type": "array", "items": {"$ref": BASE_URI + name}}


@dataclass(frozen=True)
class Problem:
    """The first thing wrong with a document: where (a JSON pointer) and what."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


def _order(path: Any) -> list[tuple[int, int, str]]:
    return [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in path]


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def first_problem(instance: Any, schema: dict[str, Any]) -> Problem | None:
    """The first error, in document order, or None when ``instance`` is valid."""
    errors = sorted(validator(schema).iter_errors(instance), key=lambda e: _order(e.absolute_path))
    if not errors:
        return None
    error = errors[0]
    pointer = "".join(f"/{part}" for part in error.absolute_path)
    return Problem(pointer, error.message)
