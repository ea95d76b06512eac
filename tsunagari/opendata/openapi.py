"""The OpenAPI 3.1 document of the HSDS API, built from the same facts as the views
(parameters, page size, the vendored schemas it answers with)."""

from __future__ import annotations

from typing import Any

from tsunagari.directory.importers.notalone import SOURCE_NAME as NOTALONE_CREDIT
from tsunagari.directory.importers.notalone import SOURCE_URL as NOTALONE_URL
from tsunagari.opendata.api import MAX_PER_PAGE, PER_PAGE, SEARCH_MAX_CHARS
from tsunagari.opendata.hsds import EXTENSION, HSDS_VERSION

PARAMETERS: dict[str, dict[str, Any]] = {
    "search": {
        "description": f"Words that must all appear (folded like the site's search, synonyms "
        f"expanded), at most {SEARCH_MAX_CHARS} characters.",
        "schema": {"type": "string", "maxLength": SEARCH_MAX_CHARS},
    },
    "taxonomy_term_id": {
        "description": "Only records with this taxonomy term (see /taxonomy_terms).",
        "schema": {"type": "string", "format": "uuid"},
    },
    "taxonomy_id": {
        "description": "Only records with a term of this taxonomy (see /taxonomies).",
        "schema": {"type": "string", "format": "uuid"},
    },
    "organization_id": {
        "description": "Only services of this organization.",
        "schema": {"type": "string", "format": "uuid"},
    },
    "modified_after": {
        "description": "Only records modified at or after this ISO 8601 date or date-time "
        "(without an offset: Asia/Tokyo).",
        "schema": {"type": "string"},
    },
    "page": {
        "description": "Page number, from 1.",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    "per_page": {
        "description": "Items per page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": PER_PAGE},
    },
    "format": {"description": "Only json.", "schema": {"type": "string", "enum": ["json"]}},
}
PAGING = ["page", "per_page", "format"]
SERVICE_FILTERS = ["search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{name}"}


def _list(summary: str, item: str, filters: list[str]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": [_ref(f"parameters/{name}") for name in filters + PAGING],
            "responses": {
                "200": {
                    "description": "An HSDS page object.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "allOf": [_ref("schemas/Page")],
                                "properties": {
                                    "contents": {"type": "array", "items": {"$ref": item}}
                                },
                            }
                        }
                    },
                },
                "400": _ref("responses/BadRequest"),
            },
        }
    }


def _detail(summary: str, item: str) -> dict[str, Any]:
    return {
        "parameters": [
            {"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}
        ],
        "get": {
            "summary": summary,
            "responses": {
                "200": {
                    "description": summary,
                    "content": {"application/json": {"schema": {"$ref": item}}},
                },
                "404": _ref("responses/NotFound"),
            },
        },
    }


def openapi_document(base_url: str) -> dict[str, Any]:
    """``base_url`` is the API's root (``…/api/hsds/``); schemas are served below it."""
    schemas = base_url + "schemas/"
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "parameter": {"type": "string"},
                    "message": {
                        "type": "object",
                        "required": ["ja", "en"],
                        "properties": {"ja": {"type": "string"}, "en": {"type": "string"}},
                    },
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Tsunagari Sakai — HSDS 3.1 API",
            "version": "1.0.0",
            "summary": "Support desks and schemes for people in Sakai City, as Open Referral "
            f"HSDS {HSDS_VERSION}.",
            "description": (
                "Read-only. Only listings that are public on the site, published and real "
                "(never demo data). Facts HSDS has no field for (each record's source, source "
                "date and confidence; Sakai's area and ward; desk or scheme; contacts still "
                f"being confirmed) are HSDS attributes whose terms belong to the taxonomy "
                f"`{EXTENSION}` (see /taxonomy_terms). Every contact fact carries its source "
                "and date. The 2021 national schemes: "
                f"「{NOTALONE_CREDIT}」 ({NOTALONE_URL}), 政府標準利用規約（第2.0版）, "
                "compatible with CC BY 4.0. HSDS schemas © Open Referral, CC BY-SA 4.0. "
                "Errors carry their message in Japanese and English."
            ),
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": {
            "/": {
                "get": {
                    "summary": "The HSDS version, profile and this document.",
                    "responses": {
                        "200": {
                            "description": "About this API.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "version": {"type": "string"},
                                            "profile": {"type": "string", "format": "uri"},
                                            "openapi_url": {"type": "string", "format": "uri"},
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/services": _list(
                "Services, one-to-one fields.",
                schemas + "compiled/service_list.json",
                SERVICE_FILTERS,
            ),
            "/services/{id}": _detail("A fully nested service.", schemas + "service.json"),
            "/organizations": _list(
                "Organizations with a public service, one-to-one fields.",
                schemas + "organization.json",
                ["search", "taxonomy_term_id", "taxonomy_id", "modified_after"],
            ),
            "/organizations/{id}": _detail(
                "An organization with its phones and locations.", schemas + "organization.json"
            ),
            "/taxonomies": _list("Taxonomies.", schemas + "taxonomy.json", ["search"]),
            "/taxonomy_terms": _list(
                "Taxonomy terms.", schemas + "taxonomy_term.json", ["search", "taxonomy_id"]
            ),
            "/service_at_locations": _list(
                "Where services are given, one-to-one fields.",
                schemas + "service_at_location.json",
                SERVICE_FILTERS,
            ),
        },
        "components": {
            "schemas": {
                "Page": {
                    "type": "object",
                    "required": [
                        "total_items",
                        "total_pages",
                        "page_number",
                        "size",
                        "first_page",
                        "last_page",
                        "empty",
                        "contents",
                    ],
                    "properties": {
                        "total_items": {"type": "integer"},
                        "total_pages": {"type": "integer"},
                        "page_number": {"type": "integer"},
                        "size": {"type": "integer"},
                        "first_page": {"type": "boolean"},
                        "last_page": {"type": "boolean"},
                        "empty": {"type": "boolean"},
                        "contents": {"type": "array"},
                    },
                },
                "Error": error,
            },
            "parameters": {
                name: {"name": name, "in": "query", "required": False, **spec}
                for name, spec in PARAMETERS.items()
            },
            "responses": {
                "BadRequest": {
                    "description": "A parameter is wrong; the message says which and why.",
                    "content": {"application/json": {"schema": _ref("schemas/Error")}},
                },
                "NotFound": {
                    "description": "No public record has this id.",
                    "content": {"application/json": {"schema": _ref("schemas/Error")}},
                },
            },
        },
    }
