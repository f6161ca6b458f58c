"""The labels found kept in the form's order: a repeated label takes its next place, and a stray
match far ahead is dropped rather than leave every label after it out of order."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.fields.form import LABELS


@dataclass(frozen=True)
class Hit:
    """One label found: which LABELS entry, where it starts, which tokens it covers."""

    index: int  # in LABELS
    start: tuple[int, int]  # (row, token)
    positions: frozenset[tuple[int, int]]
    score: float
    inside: bool = False  # found after the start of its row, behind the previous answer


def in_form_order(hits: list[Hit]) -> list[Hit]:
    """Keep hits in the form's order; a repeated label (Courriel) takes the next free place.

    One stray match that jumps ahead in the form ("Fate", a running header's misread word,
    taken for "Fait à" at the top of page 1) would leave every true label after it out of
    order: a hit that skipped labels is dropped when, without it, more hits keep their order.
    """
    kept = _greedy_order(hits)
    while len(kept) < len(hits):  # some hit was out of order
        best, dropped = kept, None
        for i, hit in enumerate(hits):
            if hit.index >= 0 and _jumped(hit, kept):
                without = _greedy_order(hits[:i] + hits[i + 1:])
                if len(without) > len(best) and len(without) >= len(kept) + 1:  # two gained for one lost
                    best, dropped = without, i
        if dropped is None:
            break
        hits, kept = hits[:dropped] + hits[dropped + 1:], best
    return kept


def _jumped(hit: Hit, kept: list[Hit]) -> bool:
    """Whether a hit was kept for a label beyond the next one the form asked for."""
    previous = -1
    for other in kept:
        if other.start == hit.start and other.positions == hit.positions:
            return other.index > previous + 1
        if other.index >= 0 and not other.inside:
            previous = max(previous, other.index)
    return False


def _greedy_order(hits: list[Hit]) -> list[Hit]:
    """The hits in the form's order, each taken when it comes after the last one kept.

    A label found within a row, after an answer, may be the next label or the one after it
    ("Nom : …  Courriel : …" then "Fonction : …" on the next line): the label it passed
    over stays free for the rows below.
    """
    kept, pointer, used = [], 0, set()
    for hit in hits:
        if hit.index < 0:
            kept.append(hit)
            continue
        label = LABELS[hit.index]
        same_text = [i for i, other in enumerate(LABELS)
                     if i >= pointer and other.text == label.text and i not in used]
        if not same_text:
            continue  # out of order: a stray match in running text
        if hit.inside and same_text[0] - pointer > 1:
            continue  # a label within an answer is the next one the form asks, or none
        kept.append(Hit(same_text[0], hit.start, hit.positions, hit.score, hit.inside))
        used.add(same_text[0])
        if not hit.inside or same_text[0] == pointer:
            pointer = same_text[0] + 1
        while pointer in used:
            pointer += 1
    return kept
