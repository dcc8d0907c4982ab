"""Turning a plan document into a structured plan.

``parse_bytes(data, filename)`` and ``parse_file(path)`` return a :class:`ParsedPlan`; they raise
:class:`PlanFormatError` (one plain sentence) for a file that cannot be read as a plan. The format is
decided by content (``readers.detect_format``); running text goes to ``flow.parse_flow`` and plans
written as one table row per action to ``tabular.parse_tables``.
"""

from pathlib import Path

from django.conf import settings

from .document import Document, PlanFormatError, Table
from .structure import ParsedAction, ParsedPlan, ParsedPriority

__all__ = ["ParsedAction", "ParsedPlan", "ParsedPriority", "PlanFormatError", "parse_bytes", "parse_file"]


def parse_document(doc: Document) -> ParsedPlan:
    from .flow import parse_flow

    if any(isinstance(block, Table) for block in doc.blocks):
        from .tabular import has_action_table, parse_tables

        if has_action_table(doc):
            return parse_tables(doc)
        if doc.format in {"xlsx", "csv"}:
            return parse_tables(doc)  # raises the "no recognisable headings" error
    return parse_flow(doc)


def parse_bytes(data: bytes, filename: str) -> ParsedPlan:
    from .readers import read_document

    name = Path(filename).name
    limit = settings.MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise PlanFormatError(
            f"{name} is {len(data) / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit for a plan document"
        )
    if not data.strip():
        raise PlanFormatError(f"{name} is empty")
    try:
        plan = parse_document(read_document(data, name))
    except PlanFormatError as exc:
        message = str(exc)
        if name not in message:
            message = f"{name}: {message[0].lower() + message[1:] if message[1:2].islower() else message}"
        raise PlanFormatError(message) from exc
    if not plan.actions:
        raise PlanFormatError(f"{name} has no actions that could be read")
    return plan


def parse_file(path: str | Path) -> ParsedPlan:
    path = Path(path)
    if not path.is_file():
        raise PlanFormatError(f"{path} does not exist or is not a file")
    size = path.stat().st_size
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise PlanFormatError(
            f"{path.name} is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit for a plan document"
        )
    return parse_bytes(path.read_bytes(), path.name)
