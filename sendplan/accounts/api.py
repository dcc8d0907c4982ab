"""API authentication (``Authorization: Token T``) and the signed-in user's own details."""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from . import permissions
from .services import token_user


class TokenAuth(APIKeyHeader):
    """``Authorization: Token <token>``; a missing or unknown token is a 401."""

    param_name = "Authorization"
    openapi_description = "Authorization: Token <token> (see `sendplan token USERNAME`)"

    def authenticate(self, request, key):
        scheme, _, value = (key or "").partition(" ")
        if scheme.lower() != "token" or not value.strip():
            return None
        user = token_user(key=value.strip())
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()


def api_errors(view):
    """Turn service errors into API responses: 403, 422, and 409 with both versions."""
    from sendplan.delivery.services import Conflict

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            raise HttpError(403, str(exc) or "Forbidden") from exc
        except ValidationError as exc:
            raise HttpError(422, " ".join(exc.messages)) from exc
        except Conflict as exc:
            body = {"detail": exc.message}
            if exc.current is not None:
                body["current"] = exc.current
            if exc.yours is not None:
                body["yours"] = exc.yours
            return JsonResponse(body, status=409)

    return wrapper


router = Router(tags=["accounts"], auth=token_auth)


class MeOut(Schema):
    username: str
    email: str
    role: str | None
    organisation: str | None
    partnership: str | None


@router.get("/me", response=MeOut)
def me(request):
    found = permissions.membership(request.user)
    return {
        "username": request.user.get_username(),
        "email": request.user.email,
        "role": permissions.role(request.user),
        "organisation": found.organisation.name if found else None,
        "partnership": found.organisation.partnership.slug if found else None,
    }
