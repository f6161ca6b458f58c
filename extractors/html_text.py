"""The text of an HTML mail body, in one pass whatever the markup.

Regular expressions like `<[^>]+>` or `<script.*?</script>` rescan the rest of the text from
every unclosed `<`: 500,000 of them took minutes. Here a tag cannot span another `<`, and a
script or style element is looked for its end once, so each character is read a bounded
number of times.
"""

from __future__ import annotations

import html
import logging
import re

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^<>]*>")  # stops at the next "<": never runs past an unclosed one
_HIDDEN_OPEN = re.compile(r"<(script|style)\b[^<>]*>", re.I)
_HIDDEN_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style")}


def html_to_text(markup: str) -> str:
    """Visible text of `markup`: tags dropped, script and style content dropped, entities decoded."""
    visible: list[str] = []
    pos = 0
    while opening := _HIDDEN_OPEN.search(markup, pos):
        visible.append(markup[pos:opening.start()])
        closing = _HIDDEN_CLOSE[opening.group(1).lower()].search(markup, opening.end())
        pos = closing.end() if closing else len(markup)  # unclosed: the rest is script, hidden
    visible.append(markup[pos:])
    return html.unescape(_TAG.sub(" ", "".join(visible)))
