"""The OpenAPI 3.1 description of the public API, served at /api/v1/openapi.json.

The ClaimReview schema is the JSON Schema in claimreview.schema.json, the same file the tests
validate pages and API answers against; its $defs become named component schemas.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("claimreview.schema.json")
API_VERSION = "1.0.0"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 25


@cache
def claimreview_schema() -> dict[str, Any]:
    """The ClaimReview JSON Schema (draft 2020-12), as written in claimreview.schema.json."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _component_name(def_name: str) -> str:
    return def_name[0].upper() + def_name[1:]


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = "#/components/schemas/" + _component_name(value[len("#/$defs/") :])
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def _claimreview_components() -> dict[str, Any]:
    schema = copy.deepcopy(claimreview_schema())
    defs = schema.pop("$defs", {})
    schema.pop("$schema", None)
    schema.pop("$id", None)
    components = {"ClaimReview": _rewrite_refs(schema)}
    for name, sub in defs.items():
        components[_component_name(name)] = _rewrite_refs(sub)
    return components


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


CACHE_HEADERS = {
    "ETag": {
        "description": "Version of the material; send it back in If-None-Match.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "How long the answer may be reused.",
        "schema": {"type": "string"},
    },
}

NOT_MODIFIED = {"description": "Not modified since the ETag or date the client sent."}


# Schemas of the API's own envelopes, next to the ClaimReview schema they carry.
_ENVELOPES = {
    "ErrorDetail": {
        "type": "object",
        "additionalProperties": False,
        "required": ["status", "message"],
        "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
    },
    "Error": {
        "type": "object",
        "additionalProperties": False,
        "required": ["error"],
        "properties": {"error": {"$ref": "#/components/schemas/ErrorDetail"}},
    },
    "Withdrawal": {
        "type": "object",
        "additionalProperties": False,
        "required": ["url", "claimReviewed", "dateWithdrawn", "reason"],
        "description": "A fact-check taken down: its page answers 410 with the reason.",
        "properties": {
            "url": {"$ref": "#/components/schemas/HttpUrl"},
            "claimReviewed": {"type": "string"},
            "dateWithdrawn": {"$ref": "#/components/schemas/DateOrDateTime"},
            "reason": {"type": ["string", "null"]},
        },
    },
    "Gone": {
        "type": "object",
        "additionalProperties": False,
        "required": ["error", "withdrawn"],
        "properties": {
            "error": {"$ref": "#/components/schemas/ErrorDetail"},
            "withdrawn": {"$ref": "#/components/schemas/Withdrawal"},
        },
    },
    "ClaimReviewPage": {
        "type": "object",
        "additionalProperties": False,
        "required": ["items", "perPage", "total", "next", "since", "withdrawn"],
        "properties": {
            "items": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/ClaimReview"},
            },
            "perPage": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "total": {
                "type": ["integer", "null"],
                "minimum": 0,
                "description": "How many the whole list holds; on the first page only.",
            },
            "next": {
                "type": ["string", "null"],
                "description": "The next page (its cursor included), if any.",
            },
            "since": {
                "type": ["string", "null"],
                "description": "The `since` the list was filtered by, normalised.",
            },
            "withdrawn": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Withdrawal"},
                "description": "With `since`: fact-checks withdrawn at or after it, so a "
                "client can take them down too. Empty without `since`.",
            },
        },
    },
}

_ID_PARAM = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The fact-check's id (the number in its page URL).",
    "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
}

_HEAD = {
    "openapi": "3.1.0",
    "info": {
        "title": "Fact-checks as ClaimReview",
        "version": API_VERSION,
        "summary": "Published fact-checks as schema.org ClaimReview objects.",
        "description": (
            "Read-only and public: only published and corrected fact-checks appear. "
            "Answers carry an ETag; send it back in If-None-Match to get 304 Not Modified "
            "when nothing changed. For incremental pulls, pass `since` (the dateModified of "
            "the last item you stored, or the time of your last pull): the list then holds "
            "the fact-checks published or changed since, oldest change first, and the ones "
            "withdrawn since."
        ),
    },
    "servers": [{"url": "/api/v1"}],
}

_PATHS = {
    "/claimreviews": {
        "get": {
            "operationId": "listClaimReviews",
            "summary": ("Published fact-checks, newest first (oldest change first with since)"),
            "parameters": [
                {
                    "name": "cursor",
                    "in": "query",
                    "required": False,
                    "description": "Where the page starts: opaque, taken from the `next` link "
                    "of the page before. Pages do not get slower however deep they are.",
                    "schema": {"type": "string", "maxLength": 200},
                },
                {
                    "name": "page",
                    "in": "query",
                    "required": False,
                    "deprecated": True,
                    "description": "Only 1 is accepted; follow `next` for the pages after.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 1, "default": 1},
                },
                {
                    "name": "per_page",
                    "in": "query",
                    "required": False,
                    "schema": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": MAX_PER_PAGE,
                        "default": DEFAULT_PER_PAGE,
                    },
                },
                {
                    "name": "since",
                    "in": "query",
                    "required": False,
                    "description": ("An RFC 3339 date-time (UTC if no zone is given) or a date."),
                    "schema": {"type": "string", "format": "date-time"},
                },
            ],
            "responses": {
                "200": {
                    "description": "One page of ClaimReview objects.",
                    "headers": CACHE_HEADERS,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ClaimReviewPage"}
                        }
                    },
                },
                "304": NOT_MODIFIED,
                "400": _error("A parameter is not valid (cursor, page, per_page or since)."),
            },
        }
    },
    "/claimreviews/{id}": {
        "get": {
            "operationId": "getClaimReview",
            "summary": "One published fact-check as ClaimReview",
            "parameters": [_ID_PARAM],
            "responses": {
                "200": {
                    "description": "The ClaimReview.",
                    "headers": CACHE_HEADERS,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ClaimReview"}}
                    },
                },
                "304": NOT_MODIFIED,
                "404": _error("No published fact-check has this id."),
                "410": {
                    "description": "The fact-check was withdrawn; the reason is given.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}
                    },
                },
            },
        }
    },
    "/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document",
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (the same for every host: the server URL is relative)."""
    return {
        **_HEAD,
        "paths": _PATHS,
        "components": {"schemas": {**_claimreview_components(), **_ENVELOPES}},
    }
