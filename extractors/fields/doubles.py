"""A word read twice at one place: by a second reading of a region, or as an echo of its own end."""

from __future__ import annotations

from extractors.fields.word_match import norm


def without_doubles(words: list) -> list:
    """A word read twice at one place (a second reading of a region): the surer one stays."""
    kept: dict[str, list] = {}
    dropped = set()
    for index in sorted(range(len(words)), key=lambda i: -words[i].conf):
        word, key = words[index], norm(words[index].text)
        if key and any(inside(word, other) for other in kept.get(key, ())):
            dropped.add(index)
        else:
            kept.setdefault(key, []).append(word)
    kept_words = [word for index, word in enumerate(words) if index not in dropped]
    return _without_echoes(kept_words)


def _without_echoes(words: list) -> list:
    """A word's end read again over it ("Stéphane ane", "d'urbanisme d'urbanisme" with a flat
    box on its top edge): a word of the same line whose box starts inside the one before and
    that repeats it, or its end, is an echo of the reading, not a word written."""
    dropped = set()
    by_line: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_line.setdefault(word.line, []).append(index)
    for indices in by_line.values():
        indices.sort(key=lambda i: words[i].bbox[0])
        for before, after in zip(indices, indices[1:]):
            first, second = words[before], words[after]
            a, b = norm(first.text), norm(second.text)
            if before in dropped or not (len(b) >= 3 and second.bbox[0] < first.bbox[2]):
                continue
            if a == b:  # the less sure, then the flatter, of the two goes
                rank = {i: (words[i].conf, words[i].bbox[3] - words[i].bbox[1]) for i in (before, after)}
                dropped.add(min((before, after), key=rank.get))
            elif a.endswith(b) and second.conf < first.conf:
                dropped.add(after)
    return [word for index, word in enumerate(words) if index not in dropped]


def inside(box, word) -> bool:
    x0, y0 = max(box.bbox[0], word.bbox[0]), max(box.bbox[1], word.bbox[1])
    x1, y1 = min(box.bbox[2], word.bbox[2]), min(box.bbox[3], word.bbox[3])
    area = max(1e-6, (box.bbox[2] - box.bbox[0]) * (box.bbox[3] - box.bbox[1]))
    return max(0.0, x1 - x0) * max(0.0, y1 - y0) >= 0.5 * area
