"""YAML front matter of ``.txt`` / ``.md`` articles, read as the text the user wrote.

Front matter is ``key: value`` lines, so a value is kept as written: ``date: 2026-13-45`` stays
the string ``'2026-13-45'`` for the caller to check (PyYAML would build a date and fail with a
bare ``ValueError``), ``lang: no`` stays ``'no'`` and ``outlet: 24`` stays ``'24'``. Only an
empty value (or ``~`` / ``null``) is ``None``. Each key's line in the file is kept, so that a
wrong value can be named by its line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from compare.errors import InputError

_KEPT = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
_SCALARS = ("bool", "int", "float", "timestamp")


class _TextLoader(yaml.SafeLoader):
    """``SafeLoader`` whose scalars are strings or None: no booleans, numbers or dates."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _name in _SCALARS:  # an explicit !!int, !!timestamp… is kept as written, too
    _TextLoader.add_constructor(f"tag:yaml.org,2002:{_name}", _TextLoader.construct_scalar)


def load(source: str, path: Path, first_line: int = 2) -> tuple[dict, dict[str, int]]:
    """The front matter ``source`` (which starts on line ``first_line`` of ``path``) as a dict,
    and the line of each top-level key."""
    loader = _TextLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"front matter is not valid YAML: {problem}", path=path, line=line,
                         hint="write 'key: value' lines between ---") from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise InputError(f"front matter is not valid YAML: {exc}", path=path, line=first_line,
                         hint="write 'key: value' lines between ---") from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise InputError("front matter must be 'key: value' lines", path=path, line=first_line,
                         hint="write 'key: value' lines between ---")
    lines = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            lines[key_node.value] = key_node.start_mark.line + first_line
    return data, lines
