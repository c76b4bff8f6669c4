"""Every error the API answers has one shape, `{"detail": str, "errors"?: {field: [messages]}}`
(`ripple.core.api.ErrorOut`), whether it comes from input validation, an action or the framework."""

from __future__ import annotations

import math
from typing import Any

import pydantic
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationErrorContext
from ninja.errors import ValidationError as InputError

from ripple.core.pagination import InvalidCursor


class RippleAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> InputError:
        """Input errors keyed by the field the client sent (`title`, `examples.0.input`), not by where
        ninja keeps it (`body.payload.title`)."""
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            single = getattr(model, "__read_from_single_attr__", None)
            reverse = getattr(model, "__ninja_flatten_map_reverse__", {})
            for error in context.pydantic_validation_error.errors(include_url=False):
                loc = tuple(reverse.get(error["loc"], error["loc"]))
                if single and loc[:1] == (single,):
                    loc = loc[1:]
                if single and not loc and error["type"] == "missing":
                    errors += _missing_body(model.model_fields[single].annotation)
                    continue
                message = error["msg"].removeprefix("Value error, ")
                if error["type"] == "missing":
                    message = "This field is required."
                errors.append({"loc": loc, "msg": message, "source": model.__ninja_param_source__})
        return InputError(errors)


def _missing_body(schema: Any) -> list[dict[str, Any]]:
    """No body was sent but one is required: say which fields it needs."""
    try:
        schema.model_validate({})
    except pydantic.ValidationError as exc:
        missing = [e["loc"] for e in exc.errors(include_url=False) if e["type"] == "missing"]
        if missing:
            return [{"loc": loc, "msg": "This field is required.", "source": "body"} for loc in missing]
    return [{"loc": (), "msg": "Send a JSON object with the fields of this request.", "source": "body"}]


def _field_errors(exc: InputError) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        out.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "Invalid value.")))
    return out


def _summary(errors: dict[str, list[str]]) -> str:
    parts = [
        f"{name}: {messages[0]}" if name != "__all__" else messages[0] for name, messages in errors.items()
    ]
    return "Invalid input. " + " ".join(parts)


def install(api: NinjaAPI) -> None:
    """Give `api` the handlers that turn every failure into the error shape (never a 500)."""

    def respond(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request, 401, "Authentication required: send a valid personal token as a Bearer token."
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, str(exc) or "Not found.")

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return respond(request, 422, _summary(errors), errors=errors)

    @api.exception_handler(InputError)
    def invalid_input(request: HttpRequest, exc: InputError) -> HttpResponse:
        errors = _field_errors(exc)
        return respond(request, 422, _summary(errors), errors=errors)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = math.ceil(exc.wait or 1)
        response = respond(request, 429, f"Too many requests: wait {wait} s (see Retry-After), then retry.")
        response["Retry-After"] = str(wait)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, str(exc))

    @api.exception_handler(InvalidCursor)
    def bad_cursor(request: HttpRequest, exc: InvalidCursor) -> HttpResponse:
        return respond(request, 400, str(exc))

    @api.exception_handler(MultiPartParserError)
    def bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return respond(request, 400, f"The multipart body cannot be read: {exc}")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, "The request body is too large.")
