"""Generated tables in a hand-written Markdown file: the text between two marker lines."""

from __future__ import annotations


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def with_table(text: str, name: str, table: str) -> str:
    """`text` with what lies between the `name` markers replaced by `table`; ValueError without them."""
    begin_marker, end_marker = markers(name)
    head, begin, rest = text.partition(begin_marker)
    _, end, tail = rest.partition(end_marker)
    if not begin or not end:
        raise ValueError(f"no {begin_marker} ... {end_marker} lines to put the {name} table between")
    return f"{head}{begin_marker}\n{table}\n{end_marker}{tail}"
