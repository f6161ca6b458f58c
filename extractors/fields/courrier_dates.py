"""A letter's date as the line finder sees it, and as written once one OCR slip is undone.

A scanned letter's date is often lost to one slip: a year with one digit read as a letter
("7 avril 202G"), a month glued to its year or its day ("12 mai2026", "12mai 2026"), a mark
between day and month ("12 ☒ mai 2026"), the "1" of "1er" lost ("le er avril 2026"). Each is
undone here; when undoing it guesses a digit the date is only for a reviewer.
"""

from __future__ import annotations

import re

MONTH = (r"janv(?:ier|\.)?|f[ée]vr?(?:ier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[uû]t|"
          r"sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?|[^\W\d_]{3,10}")
# "er" alone: the "1" of "1er" lost (only the first of a month is written with "er")
_DAY = r"(?P<day>\d{1,2}|1 ?er|ler|1re|premier|er)"
# Between day and month a space, a mark a speck left ("12 ☒ mai"), or nothing ("12mai")
_DAY_MONTH = r"(?:\s+(?:[^\w\s]{1,2}\s+)?|(?<=\d)(?=[^\W\d_]))"
# Between month and year, a space or a mark a speck or a stroke left glued to them
# ("25 septembre-2026"), or nothing ("mai2026")
_MONTH_YEAR = r"(?:\.?\s+|\s*[-–,.]\s*|(?<=[^\W\d_])(?=[12]))"
# The year read whole, or with one of its last three digits read as the letter it resembles
_SLIPS = "OoIlSBZG"
_YEAR = rf"(?P<year>(?:19|20)\d\d(?!\d)|(?:20(?:\d[{_SLIPS}]|[{_SLIPS}]\d)|2[Oo]\d\d)(?![\w]))"
DATE = re.compile(rf"(?<!\w)(?P<date>{_DAY}{_DAY_MONTH}(?P<month>{MONTH}){_MONTH_YEAR}{_YEAR}"
                  r"|\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:19|20)?\d\d(?!\d))", re.IGNORECASE)
_DIGITS = str.maketrans(_SLIPS, "00115826")


def written_date(match: re.Match) -> tuple[str, bool]:
    """The date `DATE` found, written plainly ("7 avril 2026" of "7 avril 202G"), and whether
    a digit was guessed: a year's letter, or a day "1" with no "er" (French writes "1er": a lone
    "1" is as often "11" or "21" with a digit lost)."""
    if match.group("year") is None:
        return match.group("date"), False
    day, month, year = match.group("day"), match.group("month"), match.group("year")
    guessed = not year.isdigit() or day == "1"
    between = match.string[match.end("day"):match.start("month")]
    if year.isdigit() and day.lower() != "er" and between.isspace() and match.end("month") < match.start("year"):
        return match.group("date"), guessed  # no slip to undo: as written
    day = "1er" if day.lower() == "er" else day
    return f"{day} {month} {year.translate(_DIGITS)}", guessed
