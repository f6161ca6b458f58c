"""Check-box groups: which options are ticked, from ☒/☐, [X]/[ ] or boxes found on scans."""

from __future__ import annotations

import logging
import re

from rapidfuzz import fuzz

from extractors.checkboxes import UNMEASURED
from extractors.fields.box_elimination import TOLD, lone_lost_tick, lost_ticks, marks_are_empty_boxes, sole_tick
from extractors.fields.box_orphans import orphan_states
from extractors.fields.form import NONE_OF_THEM, Option
from extractors.fields.labels import same_word
from extractors.fields.layout import Token, norm

log = logging.getLogger(__name__)

CHECKED = {"☒", "☑", "✔", "✓", "✗", "✘", "■", "⊠", "[x]", "(x)", "x", "🗹", "⌧",
           "&", "[x", "x]", "®", "/", "\\", "#",  # a fax's ☒: its cross thickened into a hash
           "æ", "æ&",  # how Tesseract reads a crossed box it did not see as one (a photo's ☒: "Æ")
           "[2", "[2]", "c2]"}  # ... or its sides around the cross read as a "2" (a photo's)
UNREAD = 0.65  # a box inferred ticked from where it is missing: below the trust threshold
PARTLY_READ = 0.5  # no tick read in a group read in part: below UNREAD, so the group is unknown
UNCHECKED = {"☐", "□", "❑", "❏", "[]", "[ ]", "()", "( )", "o",
             "0", "d", "cd", "ci", "cl", "c]", "[j", "li",
             "1]", "l]", "i]", "[1", "[l", "|]"}  # ... and an empty one (a fax's ☐: its left side a "1")


LISTED = 0.8  # options written as a list under their label, the chosen ones only


def read_boxes(tokens: list[Token], options: tuple[Option, ...],
               listed: bool = False, single: bool = False) -> tuple[list[str] | None, float]:
    """Slugs of the ticked options in form order; None when no box is ticked at all.

    The confidence drops when an option's box cannot be told (neither ticked nor empty).
    `listed`: the options stand under their label, as a retyped fiche lists them.
    `single`: one option only may be ticked (a box missing beside a tick read was an empty one).
    """
    marks = _merge_brackets(tokens)
    states: list[tuple[str, int, bool | None]] = []
    for option in options:
        at = find_option(marks, option)
        if at is not None:
            states.append((option.slug, at, _box_before(marks, at)))
    states += _misread_options(marks, options, states)
    states += orphan_states(marks, options, states, box_state)
    order = [option.slug for option in options]
    states.sort(key=lambda state: order.index(state[0]))
    if not states:
        return None, 0.0
    states, options = _none_of_them_moot(states, options)
    found, undecided = len(states), sum(state is None for _, _, state in states)
    ticked = [slug for slug, _, state in states if state]
    # Options not found may be lines OCR lost, their boxes unknown. A text layer loses no line:
    # options found all ticked, none empty, are a list of the chosen ones ("✓ Friches" alone).
    chosen_only = all(t.conf >= 1.0 for t in tokens) and len(ticked) == found
    coverage = 1.0 if chosen_only else min(1.0, found / len(options) + 0.5)
    confidence = round((1.0 - undecided / found) * coverage, 3)
    cut = any(cut_option(marks, at, _words(option)) for option in options for slug, at, _ in states
              if slug == option.slug)
    if cut:
        confidence = min(confidence, UNREAD)  # an option told by its first words only: a guess
    if not chosen_only and ticked and len(ticked) == found and _ticks_only(marks):
        # On a scan, a retyped fiche's list of the chosen options, each behind its tick ("X
        # Friches", "[X] Autre"): every option read has its tick read, and no empty box stands
        # anywhere. A printed group whose other lines OCR lost would still show some of its
        # empty boxes, or options read without a box.
        return ticked, max(confidence, LISTED)
    written = not listed and _options_only(marks, states, options)
    if (listed or written) and found <= len(options) // 2 \
            and not any(box_state(t.text) is False for t in marks) and len(ticked) < found:
        # A retyped fiche lists only the chosen options under the label ("✓ Friches"), and OCR
        # loses some ticks: with no empty box in sight and most options not written at all,
        # each option written is a chosen one. Written alone right of the label, as read by
        # OCR: a photo may also have lost the other options of a printed group, with their
        # boxes; the choice is shown to a reviewer.
        doubt = written and any(t.conf < 1.0 for t in tokens)
        return [slug for slug, _, _ in states], UNREAD if doubt else min(LISTED, max(confidence, LISTED))
    if any(_doubled_box(marks, at) for _, at, _ in states):
        # "☐ ☒ Territoires d'industrie": two boxes before one option, the next line's (lost,
        # a photo's curved line) read onto this one; which of them is this option's is unknown.
        confidence = min(confidence, UNREAD)
    unread = _unread_ticks(marks, states, len(options))
    if single and not cut and not any(_doubled_box(marks, at) for _, at, _ in states):
        if not ticked and lone_lost_tick(states, options, unread):
            return sorted(unread), TOLD
        if not unread and sole_tick(states, options):
            return ticked, max(confidence, TOLD)
    if unread and single and ticked:
        return ticked, min(confidence, UNREAD)  # "☐ Site  Communale  ☒ Intercommunale" on a fax
    if unread:
        sure = not single and not cut and lost_ticks(marks, states, options, unread)
        return [slug for slug, _, state in states if state or slug in unread], TOLD if sure else min(confidence, UNREAD)
    if undecided and not single and any(t.conf < 1.0 for t in tokens):
        # Several options may be ticked: one whose box OCR did not read may be a tick lost,
        # and the list read without it is not sure (its other boxes read say nothing of it).
        confidence = min(confidence, UNREAD)
    if not single and ticked and not chosen_only and any(t.conf < 1.0 for t in tokens) \
            and _lines_lost(marks, options, {slug for slug, _, _ in states}):
        # An option whose line OCR lost whole (a photo's curl, a fax's streak) may hold a tick:
        # the options read ticked are not sure to be all of them.
        confidence = min(confidence, UNREAD)
    if not ticked and (found < len(options) or undecided) and any(t.conf < 1.0 for t in tokens):
        # No tick read on a scan, but not every option's box was read empty: the tick may be on
        # a line OCR lost (a photo's page edge, a fax's streak). Unknown, not unanswered.
        return None, min(confidence, PARTLY_READ)
    return (ticked or None), confidence


def _none_of_them_moot(states: list[tuple[str, int, bool | None]],
                       options: tuple[Option, ...]) -> tuple[list, tuple[Option, ...]]:
    """Beside another option whose tick was read, "Aucun"'s box, unread or lost, says nothing
    (ticked or not, the answer is the other options): the group is read without it."""
    known = {slug: state for slug, _, state in states}
    if NONE_OF_THEM not in {o.slug for o in options} or known.get(NONE_OF_THEM) is not None \
            or not any(state for slug, state in known.items() if slug != NONE_OF_THEM):
        return states, options
    return ([s for s in states if s[0] != NONE_OF_THEM],
            tuple(o for o in options if o.slug != NONE_OF_THEM))


def _ticks_only(tokens: list[Token]) -> bool:
    """Ticks read, and not one empty box."""
    states = [box_state(t.text) for t in tokens]
    return True in states and False not in states


def _options_only(tokens: list[Token], states: list[tuple[str, int, bool | None]],
                  options: tuple[Option, ...]) -> bool:
    """An answer that is, word for word, the text of some options and nothing else, without a
    box anywhere ("Intercommunale" in a retyped table's cell): the options the porteur wrote,
    the chosen ones (a printed group lost by OCR would still show its other options' words)."""
    if any(box_state(t.text) is not None for t in tokens):
        return False
    texts = {o.slug: [w for w in map(norm, o.text.split()) if w] for o in options}
    covered: set[int] = set()
    for slug, at, _ in states:
        words = texts[slug]
        if _matched_words(tokens, at, words) < len(words):
            return False
        k, j = at, 0
        while j < len(words) and k < len(tokens):  # the tokens the option's words cover
            covered.add(k)
            j += 1 if tokens[k].norm else 0
            k += 1
    return all(k in covered or not t.norm for k, t in enumerate(tokens))


def _unread_ticks(tokens: list[Token], states: list[tuple[str, int, bool | None]], options: int) -> set[str]:
    """Options whose box OCR did not read while it read the others' (a scan's tick that ran
    out of its box is no square): a box missing where the form prints one was ticked.

    Either every other option of the group was read with an empty box and this one alone
    has none, or the option's first word stands where the text after a box stands (in the
    column of the other lines' options, or a box's width further than a word's space on a
    line of options)."""
    read = [t for t in tokens if box_state(t.text) is not None]
    missing = [(slug, at) for slug, at, state in states if state is None]
    if not read or not missing:
        return set()
    if len(missing) == 1 and len(states) == options and not any(state for _, _, state in states):
        return {missing[0][0]}
    # A third box missing is a tick lost only where every box read is empty (a fax's crosses
    # blurred out of square, its empty boxes all found); beside ticks read, a second one already
    # says boxes were lost whatever their state (a fax's, a scan's typed "[ ]"): none is a tick.
    # The box finder saw a crossed box in this group (a photo's heavy ☒): ticks are no harder to
    # find than empty boxes here, and a box merely missing is one it lost, ticked or not. Only a
    # mark read over the boxes' column, or a word run back over it, still says "ticked" (on a
    # fax: on a page of grey levels such a mark is an empty box misread, see marks_are_empty_boxes).
    # So does a typed "[X]" read: its cross inks it more than a typed "[ ]", which OCR loses
    # first; beside typed ticks read, a bracket box missing is an empty one lost.
    absence_says_tick = not any(t.text in _FOUND_TICKED or _TYPED_TICK.search(t.text.lower()) for t in read)
    marks_say_tick = not marks_are_empty_boxes(read, tokens)
    ticks_read = any(state for _, _, state in states)
    most = 1 if ticks_read else 3
    # With no tick read, a short group's boxes read empty outnumbering the lost ones say the
    # lost are its ticks ("✓ Petites villes de demain", the printed ✓ no box, lost by OCR).
    enough = 2 * len(missing) if ticks_read or options > 6 else len(missing) + 1
    if len(missing) > most or len(states) - len(missing) < enough:
        return set()  # boxes lost all over (a fax, a photo): a missing one says nothing
    pairs = [(box, tokens[i + 1]) for i, box in enumerate(tokens[:-1])
             if box_state(box.text) is not None and _same_line(box, tokens[i + 1])]
    if not pairs:
        return set()
    width = _median([box.x1 - box.x0 for box, _ in pairs])
    space = _median([word.x0 - box.x1 for box, word in pairs])
    found = set()
    for slug, at in missing:
        word = tokens[at]
        before = tokens[at - 1] if at > 0 and _same_line(tokens[at - 1], word) else None
        if before is not None and any(_same_line(box, word) for box, _ in pairs):
            if word.x0 - before.x1 >= space + 0.7 * width and box_state(before.text) is None and absence_says_tick:
                found.add(slug)  # "☐ Commune      EPCI": EPCI's box left a box-wide hole
        elif marks_say_tick and any(_missing_box_ticked(word, before, box, after, width, absence_says_tick)
                 or _mark_inside(word, tokens[at + 1] if at + 1 < len(tokens) else None, box, after)
                 for box, after in pairs
                 if not _same_line(box, word) and (box.file, box.page) == (word.file, word.page)):
            # At the options' text column, nothing read where its box is (or a doubted mark:
            # "[WP" for a crossed box); or the word's box runs back over the boxes' column:
            # OCR read a heavy ☒ with the word as one.
            found.add(slug)
    return found


def _missing_box_ticked(word: Token, before: Token | None, box: Token, after: Token, width: float,
                        absence_says_tick: bool) -> bool:
    """An option with no box read, on another line than `box` (whose option `after` is): ticked
    when its word runs back over the boxes' column, or a doubted mark stands where its box is;
    or, where a missing box says tick, when its word starts at the options' column with nothing
    read before it."""
    nothing_before = before is None or before.x1 < box.x0
    if _swallowed(word, box, after):
        return nothing_before or _mark_at(before, box)
    if abs(word.x0 - after.x0) > 0.5 * width:
        return False
    return before is not None and _mark_at(before, box) or nothing_before and absence_says_tick


_FOUND_TICKED = {"☒"}  # the glyph the box finder writes for a crossed box it found in the image
_FINDER = {"☐", "☒"}  # the glyphs the box finder writes
# A typed "[X]" as OCR reads it, one bracket at least kept ("[x]", "[x", "x]", a fax's "[xi").
_TYPED_TICK = re.compile(r"[\[(]\s*x|x\s*[\])]")


def _mark_at(token: Token, box: Token) -> bool:
    """A doubted word read over the boxes' column that is no box OCR knows: a crossed box
    misread as letters (the empty ones around read as ☐)."""
    doubted = token.conf < 0.8 or token.text == _CHECK_READ
    return doubted and box_state(token.text) is None and token.x0 < box.x1 and token.x1 > box.x0


_CHECK_READ = "4"  # a photo's printed "✓" read as a digit, up to 0.82: no option starts with one


def _swallowed(word: Token, box: Token, after: Token) -> bool:
    """An option's first word whose box starts at the boxes' column (over the box) and runs
    on to the options' text column: the box and the word read as one doubted word."""
    return word.conf < 0.8 and _over_column(word, box, after)


def _over_column(word: Token, box: Token, after: Token) -> bool:
    return word.x0 <= box.x0 + 0.5 * (box.x1 - box.x0) and word.x1 > after.x0


def _mark_inside(word: Token, following: Token | None, box: Token, after: Token) -> bool:
    """An option's first word boxed back over the boxes' column, and the mark OCR read there
    put after it ("Revitalisation M du centre-ville", the "M" in the box's place): the crossed
    box misread as a letter, the word's box run over it."""
    return following is not None and _same_line(following, word) and _over_column(word, box, after) \
        and _mark_at(following, box)


def _same_line(a: Token, b: Token) -> bool:
    middle = (b.bbox[1] + b.bbox[3]) / 2
    return (a.file, a.page) == (b.file, b.page) and a.bbox[1] <= middle <= a.bbox[3]


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


# A typed "[X]" on a fax: a side read as "I", "l", "1" or "|" ("[XI", "IX]"); on a photo or a
# black-and-white scan its left bracket read as anything ("PX]", "{X]"): no word ends so.
_FAX_TICK = re.compile(r"[\[(|il1]x[\])|]|[\[(|]x[il1]|\Sx\]")
# A typed "[ ]" on a scan, its blank read as a brace or a stray stroke ("[{]", "[_]"): no cross
# inside, an empty box (taken for a crossed box misread, it ticked its option).
_EMPTY_BRACKETS = re.compile(r"[\[(][\s{}()\[\]_.,'`~-]*[\])]")


def box_state(text: str) -> bool | None:
    """True for a ticked box glyph, False for an empty one, None for anything else."""
    text = text.strip().lower()
    if text in CHECKED or _FAX_TICK.fullmatch(text):
        return True
    if text in UNCHECKED or empty_brackets(text):
        return False
    return None


def empty_brackets(text: str) -> bool:
    """A typed empty box "[ ]" as a scan reads it: "[]", "[{]", "[_]"."""
    return bool(_EMPTY_BRACKETS.fullmatch(text.strip()))


# ... or a scan's empty box whose right side was lost ("[Communale").
_GLUED_BOX = re.compile(r"^(\[\s*[xX]?\s*\]|[☐☒☑□■Æ]|[xX\[](?=[A-ZÀ-Ý][a-zà-ÿ]))(?=\w)")


def _split_glued(tokens: list[Token]) -> list[Token]:
    """OCR glues a retyped box to its option ("[]Communale", "☒Aucun"): two tokens again."""
    out: list[Token] = []
    for token in tokens:
        match = _GLUED_BOX.match(token.text)
        if not match:
            out.append(token)
            continue
        box, rest = match.group(0), token.text[match.end():]
        share = len(box) / len(token.text)
        split_x = token.bbox[0] + share * (token.bbox[2] - token.bbox[0])
        page_split = token.page_bbox[0] + share * (token.page_bbox[2] - token.page_bbox[0])
        ticked = "x" in box.lower() or box == "Æ"  # "XCommune", "ÆCommune"
        box_text = "[x]" if ticked else "[ ]" if box.startswith("[") else box
        out.append(Token(box_text, norm(box_text), token.file, token.page,
                         (token.bbox[0], token.bbox[1], split_x, token.bbox[3]), token.conf,
                         (token.page_bbox[0], token.page_bbox[1], page_split, token.page_bbox[3]), token.bilevel))
        out.append(Token(rest, norm(rest), token.file, token.page,
                         (split_x, token.bbox[1], token.bbox[2], token.bbox[3]), token.conf,
                         (page_split, token.page_bbox[1], token.page_bbox[2], token.page_bbox[3]), token.bilevel))
    return out


def _merge_brackets(tokens: list[Token]) -> list[Token]:
    """Retyped boxes split into words: "[", "X", "]" or "[", "]" become one token."""
    tokens = _split_glued(tokens)
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        text = tokens[i].text
        if text == "[" and i + 1 < len(tokens) and tokens[i + 1].text == "]":
            out.append(_joined(tokens[i], tokens[i + 1], "[ ]"))
            i += 2
        elif text == "[" and i + 2 < len(tokens) and tokens[i + 2].text == "]" and tokens[i + 1].text.lower() == "x":
            out.append(_joined(tokens[i], tokens[i + 2], "[x]"))
            i += 3
        else:
            out.append(tokens[i])
            i += 1
    return out


def _joined(first: Token, last: Token, text: str) -> Token:
    bbox = (first.bbox[0], min(first.bbox[1], last.bbox[1]), last.bbox[2], max(first.bbox[3], last.bbox[3]))
    page_bbox = (first.page_bbox[0], min(first.page_bbox[1], last.page_bbox[1]), last.page_bbox[2],
                 max(first.page_bbox[3], last.page_bbox[3]))
    return Token(text, norm(text), first.file, first.page, bbox, min(first.conf, last.conf), page_bbox, first.bilevel)


def _words(option: Option) -> list[str]:
    return [w for w in map(norm, option.text.split()) if w]


def find_option(tokens: list[Token], option: Option) -> int | None:
    """Where the option's words start: the fullest match, preferring one right after a box."""
    words = _words(option)
    best, best_key = None, (0, False)
    for start, token in enumerate(tokens):
        if not same_word(token.norm, words[0]):
            continue
        matched = _matched_words(tokens, start, words)
        boxed = _box_before(tokens, start) is not None
        if matched < len(words) and (matched < 3 or matched < 0.75 * len(words)) \
                and not cut_option(tokens, start, words):
            continue  # "villes" is not "Villages d'avenir", "gestion des" not "Gestion des risques"
        key = (matched, boxed)
        if key > best_key:
            best, best_key = start, key
    return best if best is not None else _headless_option(tokens, words)


def cut_option(tokens: list[Token], start: int, words: list[str]) -> bool:
    """An option whose last word OCR lost or misread ("X Site ou ☐ Communale", "îlot" gone on a
    fax or a photo): its first words, two at least and most of them, read alone between a box
    (or the answer's start) and the next box (or the answer's end). Inside another option's
    text ("... et gestion des écosystèmes") words stand on either side: no cut option."""
    matched, end = _match(tokens, start, words)
    if matched < 2 or matched < 0.5 * len(words) or matched == len(words):
        return False
    before = start == 0 or box_state(tokens[start - 1].text) is not None
    after = end >= len(tokens) or box_state(tokens[end].text) is not None \
        or not tokens[end - 1].norm and box_state(tokens[end - 1].text) is not None
    return before and after


def _lines_lost(tokens: list[Token], options: tuple[Option, ...], found: set[str]) -> bool:
    """Whether an option not found has none of its words read either (its line lost whole), as
    opposed to one whose first word a photo misread ("CAS (préciser)" for "Autre (préciser)")."""
    words = {t.norm for t in tokens if len(t.norm) >= 5}
    printed = {o.slug: {w for w in map(norm, o.text.split()) if len(w) >= 5} for o in options}
    for option in options:
        if option.slug in found:
            continue
        # Its own words: "mobilités", not the "adaptation" another option prints too.
        own = [w for w in printed[option.slug] if not any(w in printed[o] for o in printed if o != option.slug)]
        if not any(same_word(word, w) for word in words for w in own):
            return True
    return False


MISREAD_OPTION = 75  # likeness of the words after a box to an option's printed text, misread on a photo
OPTION_MARGIN = 10  # ... and by how much more than to any other option of the group


def _misread_options(tokens: list[Token], options: tuple[Option, ...],
                     states: list[tuple[str, int, bool | None]]) -> list[tuple[str, int, bool | None]]:
    """Options OCR misread word by word on a photo ("☒ Protection et valonsanon du" for
    "Protection et valorisation du patrimoine"): the words right after a box, on its line, as
    like the option's printed text as its first words go, and much more like it than any
    other option of the group. Only where OCR doubted them, and only after a box read."""
    taken = {at for _, at, _ in states}
    slugs = {slug for slug, _, _ in states}
    texts = {o.slug: norm(o.text) for o in options}
    found: dict[str, tuple[int, float]] = {}
    for start in range(1, len(tokens)):
        if start in taken or box_state(tokens[start - 1].text) is None or not tokens[start].norm:
            continue
        line = [t for t in tokens[start:start + 8] if _same_line(tokens[start], t)]
        if all(t.conf >= 1.0 for t in line):
            continue
        read = ""
        for token in line:
            if box_state(token.text) is not None:
                break  # the next box on the line ("☐ Site ou îlot ☐ Communale")
            read += token.norm
        likeness = {slug: fuzz.ratio(read, text[:len(read)]) if len(read) < len(text) else fuzz.ratio(read, text)
                    for slug, text in texts.items() if len(read) >= min(8, len(text))}
        ranked = sorted(likeness.items(), key=lambda item: -item[1])
        if not ranked:
            continue
        slug, best = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if slug in slugs or best < MISREAD_OPTION or best - second < OPTION_MARGIN:
            continue
        if slug not in found or best > found[slug][1]:
            found[slug] = (start, best)
    return [(slug, at, _box_before(tokens, at)) for slug, (at, _) in found.items()]


def _headless_option(tokens: list[Token], words: list[str]) -> int | None:
    """An option whose first word a photo lost, right after its box ("☒ des mobdités" for
    "Adaptation des mobilités"): every other word read, two at least, one of them long enough
    to say which option it is. Only right after a box: elsewhere such words may be another's."""
    rest = words[1:]
    if len(rest) < 2 or max(map(len, rest)) < 6:
        return None
    for start in range(1, len(tokens)):
        if box_state(tokens[start - 1].text) is not None and tokens[start].norm \
                and _matched_words(tokens, start, rest) == len(rest):
            return start
    return None


def _matched_words(tokens: list[Token], start: int, words: list[str]) -> int:
    return _match(tokens, start, words)[0]


def _match(tokens: list[Token], start: int, words: list[str]) -> tuple[int, int]:
    """(words matched, index of the first token after them)."""
    j, k = 0, start
    while j < len(words) and k < len(tokens):
        if not tokens[k].norm:
            k += 1
            continue
        if same_word(tokens[k].norm, words[j]):
            j, k = j + 1, k + 1
            continue
        if len(tokens[k].norm) == 1 and tokens[k].conf < 1.0 and k + 1 < len(tokens) \
                and same_word(tokens[k + 1].norm, words[j]):
            # a speck read as a letter before the word ("Site ou z flot" on a scan), before a
            # short word too ("Revitalisation M du centre-ville": a crossed box read as "M")
            k += 1
            continue
        if len(words[j]) <= 2 and len(tokens[k].norm) <= 2:
            j, k = j + 1, k + 1  # a short word OCR misread ("Site au îlot") still holds its place
            continue
        if k + 1 < len(tokens) and tokens[k].text.endswith("-") \
                and same_word(tokens[k].norm + tokens[k + 1].norm, words[j]):
            j, k = j + 1, k + 2  # a word cut at the line's end: "socio-" / "économiques"
            continue
        glued = next((n for n in (2, 3) if j + n <= len(words)
                      and same_word(tokens[k].norm, "".join(words[j:j + n]))), 0)
        if not glued:  # OCR glues short words: "ouîlot" is "ou îlot"
            break
        j, k = j + glued, k + 1
    return j, k


def _doubled_box(tokens: list[Token], at: int) -> bool:
    """Two boxes in a row just before an option's first word, one ticked, one empty."""
    # both states there means both tokens are boxes (a word's state is None)
    return {box_state(tokens[at - back].text) for back in (1, 2) if at - back >= 0} == {True, False}


def _box_before(tokens: list[Token], at: int) -> bool | None:
    """The state of the box printed just before an option's first word."""
    for back in (1, 2):
        if at - back < 0:
            return None
        state = box_state(tokens[at - back].text)
        if state is not None:
            # the finder's box whose ink it could not measure (a black-and-white scan's): unread
            return None if tokens[at - back].text in _FINDER and tokens[at - back].conf <= UNMEASURED else state
        if tokens[at - back].norm and tokens[at - back].norm != "x":
            return None
    return None
