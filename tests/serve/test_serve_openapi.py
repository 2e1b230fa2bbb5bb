"""The OpenAPI document of ``drafting serve`` is valid, names exactly the API's routes, and says
what the responses are: real responses are validated against the schemas it declares."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import docx
import pytest
import yaml
from serve_support import client

from drafting.resources import templates_dir


@pytest.fixture(scope="module")
def api() -> Iterator[Any]:
    with client() as test_client:
        yield test_client


@pytest.fixture(scope="module")
def spec(api: Any) -> dict[str, Any]:
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_document_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    from openapi_spec_validator import validate

    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_every_api_route_is_described_and_nothing_else(api: Any, spec: dict[str, Any]) -> None:
    from starlette.routing import Route

    served = {
        (route.path, method.lower())
        for route in api.app.routes
        if isinstance(route, Route) and route.path.startswith("/api/")
        for method in route.methods or ()
        if method != "HEAD"
    }
    described = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert served == described


def _validator(spec: dict[str, Any], name: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:drafting-api", resource)
    schema = {"$ref": f"urn:drafting-api#/components/schemas/{name}"}
    return Draft202012Validator(schema, registry=registry)


def _check(spec: dict[str, Any], path: str, method: str, response: Any) -> None:
    """``response`` matches what the document says of that path, method and status."""
    declared = spec["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in declared, f"{method.upper()} {path} answered {status}, not documented"
    content = declared[status]["content"]
    kind = response.headers["content-type"].split(";")[0]
    assert kind in content, f"{kind} not documented for {status}"
    schema = content[kind]["schema"]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        errors = list(_validator(spec, name).iter_errors(response.json()))
        assert not errors, errors[0].message


def _notice() -> dict[str, Any]:
    sample = templates_dir() / "notice" / "sample.yaml"
    return json.loads(json.dumps(yaml.safe_load(sample.read_text("utf-8")), default=str))


def test_responses_match_their_schemas(api: Any, spec: dict[str, Any]) -> None:
    calls = [
        ("/api/templates", "get", lambda: api.get("/api/templates")),
        ("/api/templates/{id}/schema", "get", lambda: api.get("/api/templates/notice/schema")),
        (
            "/api/templates/{id}/schema",
            "get",
            lambda: api.get("/api/templates/annual-summary/schema"),
        ),
        ("/api/templates/{id}/schema", "get", lambda: api.get("/api/templates/x/schema")),
        ("/api/rules", "get", lambda: api.get("/api/rules")),
        ("/api/rules/{code}", "get", lambda: api.get("/api/rules/P201")),
        ("/api/rules/{code}", "get", lambda: api.get("/api/rules/nope")),
        (
            "/api/lint",
            "post",
            lambda: api.post("/api/lint", json={"text": "请于5日前报送,逾期不候。"}),
        ),
        ("/api/lint", "post", lambda: api.post("/api/lint", json={"text": "x", "genre": "poem"})),
        ("/api/lint", "post", lambda: api.post("/api/lint", content=b"x")),
        ("/api/lint", "post", lambda: api.post("/api/lint", files={"file": ("a.docx", b"bad")})),
        (
            "/api/render",
            "post",
            lambda: api.post("/api/render", json={"template": "notice", "data": _notice()}),
        ),
        (
            "/api/render",
            "post",
            lambda: api.post("/api/render", json={"template": "notice", "data": {}}),
        ),
        (
            "/api/render",
            "post",
            lambda: api.post("/api/render", json={"template": "nope", "data": {}}),
        ),
        ("/api/render", "post", lambda: api.post("/api/render", json={"data": {}, "format": "x"})),
        ("/api/openapi.json", "get", lambda: api.get("/api/openapi.json")),
    ]
    for path, method, call in calls:
        _check(spec, path, method, call())


def test_a_docx_upload_lints_as_documented(api: Any, spec: dict[str, Any]) -> None:
    document = docx.Document()
    document.add_paragraph("各单位要认真总结,按时报送。")
    buffer = io.BytesIO()
    document.save(buffer)
    response = api.post("/api/lint", files={"file": ("a.docx", buffer.getvalue())})
    _check(spec, "/api/lint", "post", response)
    assert response.json()["files"][0]["findings"]
