"""Strict checks for every page a test fetches.

``assert_valid_page(response)`` (or ``check_page(html)``) parses the page with html5lib in strict mode and
fails on: any HTML parse error, a missing or empty ``<title>``, duplicate ``id`` values, a ``<form>``
without an ``action``, an ``aria-labelledby``/``aria-describedby``/``aria-controls``/``label for``
that points at no element, and more than one ``<h1>`` or none. It returns the parsed tree (an
ElementTree element) so tests can query it further, e.g. ``tree.findall(".//a")``.
"""

from collections import Counter
from xml.etree import ElementTree

import html5lib
from html5lib.html5parser import ParseError

__all__ = ["PageError", "assert_valid_page", "check_page", "text_of"]

_ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls")


class PageError(AssertionError):
    """The page is not strictly valid; the message lists every problem found."""


def _parse(html: str) -> ElementTree.Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(html)
    except ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        lines = html.splitlines()
        context = lines[line - 1].strip()[:160] if isinstance(line, int) and 0 < line <= len(lines) else ""
        raise PageError(f"invalid HTML at line {line}, column {column}: {error}\n  {context}") from None


def text_of(element: ElementTree.Element) -> str:
    """The element's text content with white space collapsed."""
    return " ".join("".join(element.itertext()).split())


def check_page(html: str) -> ElementTree.Element:
    """Parse ``html`` strictly and check the rules above; raise PageError listing every problem."""
    tree = _parse(html)
    problems: list[str] = []

    title = tree.find("./head/title")
    if title is None or not text_of(title):
        problems.append("the page has no <title> (or it is empty)")

    ids = Counter(element.get("id") for element in tree.iter() if element.get("id") is not None)
    problems += [f'id "{value}" is used {count} times' for value, count in ids.items() if count > 1]
    problems += ["an element has an empty id" for value in ids if not value.strip()]

    for form in tree.iter("form"):
        if form.get("action") is None:
            problems.append(f"a <form> has no action attribute (method={form.get('method', 'get')!r})")

    for element in tree.iter():
        for attribute in _ID_REFERENCES:
            for target in (element.get(attribute) or "").split():
                if target not in ids:
                    problems.append(f'{attribute}="{target}" on <{element.tag}> points at no element')
        if element.tag == "label" and element.get("for") and element.get("for") not in ids:
            problems.append(f'<label for="{element.get("for")}"> points at no element')
        if element.tag == "a" and element.get("href", "").startswith("#") and len(element.get("href")) > 1:
            if element.get("href")[1:] not in ids:
                problems.append(f'link to "{element.get("href")}" points at no element')

    headings = tree.findall(".//h1")
    if len(headings) != 1:
        problems.append(f"the page has {len(headings)} <h1> elements (expected exactly one)")

    if problems:
        raise PageError("invalid page:\n  " + "\n  ".join(problems))
    return tree


def assert_valid_page(response, status: int = 200) -> ElementTree.Element:
    """Check a Django test-client response: its status, that it is HTML, and :func:`check_page`."""
    assert response.status_code == status, f"expected status {status}, got {response.status_code}"
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("text/html"), f"expected an HTML page, got {content_type!r}"
    return check_page(response.content.decode(response.charset or "utf-8"))
