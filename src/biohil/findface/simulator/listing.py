"""The lists' query: the documented filters and cursor pagination, shared by the session list and
the blocklist. Endpoints call these through the module (`listing.page`), where
bench/mutants_findface.py replaces them."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from biohil.findface.simulator.errors import bad_param
from biohil.findface.simulator.request import Request

DEFAULT_PAGE = 20
MAX_PAGE = 1000
# query parameter -> field of the listed object (a parameter may be repeated: any value matches)
LIST_FILTERS = {
    "uuid_in": "uuid",
    "id_in": "id",
    "user_name_in": "user__username",
    "user_id_in": "user_id",
    "ip_in": "ip",
    "status": "status",
}
BOOL_FILTERS = {"active": "active", "mobile": "mobile"}


def matches(item: dict[str, Any], query: dict[str, list[str]]) -> bool:
    for param, field_name in LIST_FILTERS.items():
        wanted = _values(query.get(param, []))
        if wanted and field_name in item and str(item[field_name]) not in wanted:
            return False
    for param, field_name in BOOL_FILTERS.items():
        if param in query and field_name in item and str(item[field_name]).lower() != query[param][0].lower():
            return False
    return True


def _values(given: Iterable[str]) -> set[str]:
    """Repeated parameters, and comma lists (django-filter's form of an `_in` filter)."""
    return {v for value in given for v in value.split(",") if v}


def page(
    request: Request, items: list[dict[str, Any]], orderings: dict[str, str], default: str
) -> dict[str, Any]:
    """One page of a cursor-paginated list: `limit`, `ordering` (a field, "-" for descending),
    `page` (the cursor of next_page: the sort key of the last item given, so sessions that
    come or go between pages never shift the rest)."""
    query = request.query
    ordering = query.get("ordering", [default])[0]
    field_name = orderings.get(ordering.lstrip("-"))
    if field_name is None:
        raise bad_param("ordering", f"Select a valid choice. {ordering} is not one of the available choices.")
    descending = ordering.startswith("-")
    try:
        limit = int(query.get("limit", [str(DEFAULT_PAGE)])[0])
    except ValueError:
        raise bad_param("limit", "A valid integer is required.") from None
    if not 0 < limit <= MAX_PAGE:
        raise bad_param("limit", f"Ensure this value is between 1 and {MAX_PAGE}.")

    def key(item: dict[str, Any]) -> list[str]:
        return [str(item.get(field_name)), str(item["id"])]

    items = sorted(items, key=key, reverse=descending)
    cursor = query.get("page", [""])[0]
    if cursor:
        try:
            after = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        except (binascii.Error, ValueError):
            after = None
        if not isinstance(after, list) or not all(isinstance(v, str) for v in after):
            raise bad_param("page", "Invalid cursor.")  # not a sort key this server gave
        items = [x for x in items if (key(x) < after if descending else key(x) > after)]
    shown, rest = items[:limit], items[limit:]
    following = None
    if rest:
        cursor = base64.urlsafe_b64encode(json.dumps(key(shown[-1])).encode()).decode()
        next_query = {k: v for k, v in query.items() if k != "page"} | {"page": [cursor]}
        following = f"{request.origin}{request.path}?{urlencode(next_query, doseq=True)}"
    return {"next_page": following, "prev_page": None, "results": shown}
