"""A letter's last page received alone that holds only its signatory block: the title, the name,
perhaps the date or a fax's header, no closing formula, no objet, no body ("Maire de Corte," /
"Soizic Sainte-Marie" on page 2 of 2 scanned apart; "La Vice-présidente déléguée à" / "MARTIN
Fabienne" photographed). Without a closing, the letter's parts took the page's first lines for
its letterhead, and the block, read from the last short lines after it, lacked its title (study
letters 339, 379, 460 of bench/letterstudy.py: quality and name lost). Such a page is the block."""

from __future__ import annotations

from extractors.fields.courrier_layout import AFTER_SIGNATURE, FOOTER, LetterParts, Line, title_line
from extractors.fields.signataire import roles_in
from extractors.fields.signataire_repair import repaired_titles

BLOCK_PAGE_LINES = 14  # a block, a fax's header, a footer's lines, what OCR made of a stamp
BODY_WORDS = 9  # a line of the letter's text (a footer's aside): the page is no block alone
# (a title line is none, however long: "Président de la Communauté de communes de Marie Galante,")


def block_page(parts: LetterParts) -> list[Line] | None:
    """The lines of a page that is a signatory block alone, down to a "Copie : …" line; None for
    any other page (a closing, an objet, a salutation or an addressee read, a line of text, no title)."""
    if parts.closing is not None or parts.objet is not None or parts.salutation is not None or parts.addressee \
            or not parts.lines:  # an addressee read: a letter's head, whose names are no signer's
        return None
    lines = [line for line in parts.lines if line.page == parts.lines[-1].page]
    if len(lines) > BLOCK_PAGE_LINES or any(len(line.text.split()) >= BODY_WORDS and not FOOTER.search(line.norm)
                                            and not title_line(line.norm) for line in lines):
        return None
    block = []
    for line in lines:
        if AFTER_SIGNATURE.match(line.norm):
            break
        block.append(line)
    return block if any(roles_in(repaired_titles(line.norm)) for line in block) else None
