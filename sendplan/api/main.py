"""The JSON API: one NinjaAPI at /api/v1/, its OpenAPI document at /api/openapi.json.

Each domain app contributes a router in its own ``api.py``; they are added in ``ROUTERS`` below.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="sendplan API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

# (prefix, "module path:router attribute")
ROUTERS = [
    ("/", "sendplan.plans.api:router"),
    ("/", "sendplan.accounts.api:router"),
    ("/", "sendplan.delivery.api:router"),
    ("/", "sendplan.audit.api:router"),
    ("/", "sendplan.measures.api:router"),
]


def _register() -> None:
    from importlib import import_module

    for prefix, target in ROUTERS:
        module, attr = target.split(":")
        api.add_router(prefix, getattr(import_module(module), attr))


_register()
