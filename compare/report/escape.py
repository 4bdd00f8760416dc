"""Escaping shared by every renderer: text from articles is only escaped, never reordered or
reshaped, so Arabic reads right-to-left exactly as written.

Two contexts, one function each:

- :func:`md` for text placed in markdown (the title, headings, list items, table cells, bold
  labels): one line, control characters dropped, every piece of markdown and HTML syntax
  backslash-escaped, so that GitHub and any CommonMark renderer show the text character for
  character;
- :func:`esc` for text placed inside our own HTML (``<p>``, ``<b>``): HTML-escaped, one
  line, control characters dropped.

Control characters include the bidirectional embeddings, overrides and isolates, which would
otherwise reorder what follows them on the line.

Anything that comes from an article, an outlet, a speaker, a reason, a file name or a run name
goes through one of them; numbers and the renderers' own words need neither.
"""

from __future__ import annotations

import html
import re

RTL_LANGS = {"ar", "fa", "ur", "he", "ps", "ckb", "yi"}

# Characters that end a line for CommonMark (\n, \r) or for some viewers (\v, \f, NEL, the
# Unicode line and paragraph separators): inside one line of output each becomes a space.
_BREAKS = "\n\r\v\f\x85\u2028\u2029"
_BREAK = re.compile(f"[{_BREAKS}]")
# Unicode Cc (C0, DEL, C1) except tab and the line breaks above, and the bidirectional
# embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): dropped. An
# unbalanced override turns the rest of its line around ("70" shown as "07", an outlet's name
# over the next column), so what a person reads would differ from what the text says. The
# marks (LRM, RLM, ALM) have no scope and stay.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(f"\r\n|[{_BREAKS}]")
_BLANKS = re.compile(f"[ \t{_BREAKS}]+")

# ASCII punctuation that means something to markdown, GitHub's extensions or HTML. A backslash
# before any ASCII punctuation is an escape in CommonMark, so each renders as itself. An
# underscore between two letters or digits (``snake_case``) can neither open nor close emphasis
# and is left as it is.
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>#|~&$")
# A line that starts like a list item, a thematic break or a setext underline would be rendered
# as one.
_BLOCK_START = re.compile(r"^(\s*)([-+=])(?=[\s\-=]|$)")
_NUMBER_START = re.compile(r"^(\s*[0-9]+)([.)])(?=\s|$)")


def without_controls(text: str | None) -> str:
    """``text`` with its control characters (Unicode Cc other than tab and line breaks) and
    its bidirectional embeddings, overrides and isolates removed."""
    return _CONTROL.sub("", text or "")


def esc(text: str | None) -> str:
    """``text`` as HTML text on one line, control characters dropped."""
    return _BREAK.sub(" ", html.escape(without_controls(text), quote=False))


def md(text: str | None) -> str:
    """``text`` on one line of markdown, rendered exactly as written.

    Whitespace runs (newlines included) become one space and the ends are trimmed, so a heading,
    list item or table row stays one; control characters are dropped; markdown and HTML syntax
    is backslash-escaped. Letters are never touched.
    """
    return escape_markdown(_BLANKS.sub(" ", without_controls(text)).strip())


def lines_of(text: str | None) -> list[str]:
    """``text`` cut at every line break (``\\r\\n``, ``\\r``, ``\\n`` and the rarer ones), for
    renderers that keep its lines apart; each line still goes through :func:`md`."""
    return _LINE_BREAK.split(text or "")



def escape_markdown(text: str) -> str:
    """Backslash-escape markdown syntax so the rendered text equals ``text`` character for
    character; letters are never touched, so Arabic is neither reordered nor reshaped.

    Line structure is kept: use :func:`md` for text that must stay on one line.
    """
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL and not _inert(text, i) else ch
                      for i, ch in enumerate(text))
    lines = escaped.split("\n")
    return "\n".join(_NUMBER_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\1\\\2", line))
                     for line in lines)


def _inert(text: str, i: int) -> bool:
    """Whether ``text[i]`` is an underscore inside a word, which markdown leaves alone."""
    return (text[i] == "_" and 0 < i < len(text) - 1
            and text[i - 1].isalnum() and text[i + 1].isalnum())
