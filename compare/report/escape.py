"""Escaping shared by every renderer: text from articles is only escaped, never reordered or
reshaped, so Arabic reads right-to-left exactly as written."""

from __future__ import annotations

import html
import re

RTL_LANGS = {"ar", "fa", "ur", "he", "ps", "ckb", "yi"}


def esc(text: str | None) -> str:
    """``text`` as HTML text on one line."""
    return html.escape(text or "", quote=False).replace("\n", " ")


def cell(text: str | None) -> str:
    """``text`` inside a markdown table cell."""
    return (text or "").replace("|", "\\|").replace("\n", " ")


_MARKDOWN_SPECIAL = set("\\`*_[]<>#|~&")
_BULLET_START = re.compile(r"^(\s*)([-+])(?=\s|$)")
_NUMBER_START = re.compile(r"^(\s*[0-9]+)([.)])")


def escape_markdown(text: str) -> str:
    """Backslash-escape markdown syntax so the rendered text equals ``text`` character for
    character; letters are never touched, so Arabic is neither reordered nor reshaped."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
    # A line that starts like a list item would be rendered as one.
    escaped = _BULLET_START.sub(r"\1\\\2", escaped)
    return _NUMBER_START.sub(r"\1\\\2", escaped)
