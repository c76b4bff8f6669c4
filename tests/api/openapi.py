"""Helpers for checking the API against its own OpenAPI document."""

from __future__ import annotations

import re
import types
import typing
from collections import defaultdict
from typing import Any

import jsonschema
from ninja import NinjaAPI
from ninja.params.models import ParamModel
from pydantic import BaseModel


def _models_in(annotation: Any, seen: set[type]) -> None:
    """Every pydantic class reachable from `annotation` (through unions, lists, dicts and fields)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models_in(arg, seen)
    if isinstance(annotation, types.GenericAlias | types.UnionType):
        for arg in annotation.__args__:
            _models_in(arg, seen)


def _is_wrapper(model: type) -> bool:
    """ninja's own per-operation wrappers (parameter and response holders) never become components."""
    return issubclass(model, ParamModel) or model.__name__ == "NinjaResponseSchema"


def operation_models(api: NinjaAPI) -> dict[str, set[type]]:
    """Component name → the distinct classes every operation's request and response use under it."""
    seen: set[type] = set()
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _models_in(model, seen)
                for model in operation.response_models.values():
                    if isinstance(model, type):
                        _models_in(model, seen)
    names: dict[str, set[type]] = defaultdict(set)
    for model in seen:
        if not _is_wrapper(model):
            names[re.sub(r"[^a-zA-Z0-9.\-_]", "_", model.__name__)].add(model)
    return names


def duplicate_components(api: NinjaAPI) -> dict[str, list[str]]:
    """Component names that two different classes share (the document keeps only one of them)."""
    return {
        name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
        for name, models in operation_models(api).items()
        if len(models) > 1
    }


_PARAM = re.compile(r"\{[^}]+\}")


def response_schema(spec: dict[str, Any], method: str, path: str, status: int) -> dict[str, Any]:
    """The documented JSON schema of a response (`path` is the real URL; templates are matched)."""
    templates = sorted(spec["paths"].items(), key=lambda item: len(_PARAM.findall(item[0])))
    for template, operations in templates:  # literal paths first: /prompts/import before /prompts/{id}
        pattern = "^" + "[^/]+".join(re.escape(part) for part in _PARAM.split(template)) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            responses = operations[method.lower()]["responses"]
            assert str(status) in responses, f"{method} {template} answered an undocumented {status}"
            content = responses[str(status)].get("content", {})
            return content.get("application/json", {}).get("schema", {})
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def assert_matches(spec: dict[str, Any], response: Any) -> None:
    """`response` (a Django test response) is what the document says that operation answers."""
    request = response.request
    method, path = request["REQUEST_METHOD"], request["PATH_INFO"]
    schema = response_schema(spec, method, path, response.status_code)
    if not schema:
        return
    validator = jsonschema.Draft202012Validator({**schema, "components": spec["components"]})
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(response.json())
    ]
    assert not problems, f"{method} {path} ({response.status_code}) does not match its schema: {problems[:5]}"
