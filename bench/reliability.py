"""Confidence against measured accuracy: bins, thresholds with their upper bound, CSV, PNG.

Used by bench/accuracy.py. A row is one value Guichet read (case, field, family, status,
confidence, correct); `correct` says whether it equals the truth.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

# Confidence bins, the last ones narrow because that is where thresholds are set.
EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999)
TARGETS = (0.001, 0.005)  # error < 1 in 1000, then < 5 in 1000
COLUMNS = ("case", "field", "family", "status", "confidence", "correct")


def upper_bound(errors: int, n: int, level: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper bound of an error rate seen as errors/n: the rate p at
    which seeing errors or fewer has probability 1 - level (0 of 300 gives about 1 %)."""
    if n == 0:
        return 1.0
    if errors >= n:
        return 1.0
    alpha = 1 - level
    low, high = errors / n, 1.0
    for _ in range(100):  # bisection: the binomial CDF falls as p grows
        mid = (low + high) / 2
        if _binomial_cdf(errors, n, mid) > alpha:
            low = mid
        else:
            high = mid
    return high


def _binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space (n may be tens of thousands)."""
    if p <= 0:
        return 1.0
    if p >= 1:
        return 0.0 if k < n else 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    total = 0.0
    for i in range(k + 1):
        total += math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                          + i * log_p + (n - i) * log_q)
    return min(total, 1.0)


def bin_label(index: int) -> str:
    low = EDGES[index]
    return f">={low:g}" if index == len(EDGES) - 1 else f"{low:g}-{EDGES[index + 1]:g}"


def bin_of(confidence: float) -> int:
    return max(i for i, low in enumerate(EDGES) if confidence >= low)


def binned(rows: list[dict]) -> list[tuple[int, int]]:
    """(values, wrong values) per confidence bin."""
    counts = [[0, 0] for _ in EDGES]
    for row in rows:
        cell = counts[bin_of(row["confidence"])]
        cell[0] += 1
        cell[1] += not row["correct"]
    return [tuple(cell) for cell in counts]


def threshold(rows: list[dict], max_error: float, bound: bool = False) -> dict | None:
    """The lowest confidence t such that the values read at t or above are wrong less than
    max_error of the time (measured, or by their 95 % upper bound when bound), with the
    counts; None when no t qualifies."""
    ordered = sorted(rows, key=lambda r: r["confidence"], reverse=True)
    best = None
    n = wrong = 0
    for i, row in enumerate(ordered):
        n += 1
        wrong += not row["correct"]
        if i + 1 < len(ordered) and ordered[i + 1]["confidence"] == row["confidence"]:
            continue  # a threshold takes every value of its confidence
        rate = upper_bound(wrong, n) if bound else wrong / n
        if rate < max_error:
            best = {"threshold": row["confidence"], "n": n, "wrong": wrong,
                    "upper": upper_bound(wrong, n)}
    return best


def write_csv(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "correct": int(row["correct"])})


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [{**row, "confidence": float(row["confidence"]), "correct": row["correct"] == "1"}
                for row in csv.DictReader(f)]


COLOURS = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75))


def plot(path: Path, sets: dict[str, list[dict]]) -> None:
    """Two panels over the confidence bins, one colour per set: observed accuracy (linear,
    with each bin's middle as the perfectly calibrated mark), and observed error on a log
    scale with its 95 % upper bound and the 1-in-1000 line; counts under each bin."""
    from PIL import Image, ImageDraw, ImageFont

    font, small = ImageFont.load_default(size=15), ImageFont.load_default(size=12)
    nbins = len(EDGES)
    left, right, width = 90, 30, 1100
    top_panel, bottom_panel = (50, 300), (350, 620)
    height = bottom_panel[1] + 40 + 18 * (len(sets) + 1)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    step = (width - left - right) / nbins

    def x_of(index: int, offset: int = 0) -> float:
        spread = 14 * (offset - (len(sets) - 1) / 2)
        return left + step * (index + 0.5) + spread

    def y_linear(accuracy: float) -> float:
        y0, y1 = top_panel
        return y1 - accuracy * (y1 - y0)

    floor = 1e-4
    def y_log(error: float) -> float:
        y0, y1 = bottom_panel
        share = (math.log10(max(error, floor)) - math.log10(floor)) / -math.log10(floor)
        return y1 - share * (y1 - y0)

    draw.text((left, 12), "Guichet: observed accuracy per confidence bin of the values read "
              "(grey: perfectly calibrated)",
              fill="black", font=font)
    for y0, y1 in (top_panel, bottom_panel):
        draw.rectangle((left, y0, width - right, y1), outline="black")
    for accuracy in (0, 0.25, 0.5, 0.75, 1):
        y = y_linear(accuracy)
        draw.line((left, y, width - right, y), fill=(225, 225, 225))
        draw.text((left - 40, y - 8), f"{accuracy:g}", fill="black", font=small)
    draw.text((8, top_panel[0] - 20), "accuracy", fill="black", font=small)
    for error in (1e-4, 1e-3, 1e-2, 1e-1, 1):
        y = y_log(error)
        draw.line((left, y, width - right, y), fill=(225, 225, 225))
        draw.text((left - 55, y - 8), "0 seen" if error == floor else f"{error:g}", fill="black",
                  font=small)
    draw.text((8, bottom_panel[0] - 20), "error (log), bar: 95 % upper bound", fill="black",
              font=small)
    y = y_log(0.001)
    for x in range(left, width - right, 12):
        draw.line((x, y, x + 6, y), fill=(200, 0, 0), width=2)
    draw.text((left + 6, y - 18), "error = 1 in 1000", fill=(200, 0, 0), font=small)
    for index in range(nbins):
        middle = (EDGES[index] + (EDGES[index + 1] if index + 1 < nbins else 1.0)) / 2
        x = left + step * (index + 0.5)
        draw.line((x - step / 3, y_linear(middle), x + step / 3, y_linear(middle)),
                  fill=(150, 150, 150))
        draw.text((x - 24, bottom_panel[1] + 6), bin_label(index), fill="black", font=small)
    for offset, (name, rows) in enumerate(sets.items()):
        colour = COLOURS[offset % len(COLOURS)]
        line_y = bottom_panel[1] + 28 + 18 * offset
        draw.text((8, line_y), f"{name} (n)", fill=colour, font=small)
        for index, (n, wrong) in enumerate(binned(rows)):
            x = x_of(index, offset)
            draw.text((left + step * (index + 0.5) - 10, line_y), str(n), fill=colour, font=small)
            if not n:
                continue
            ya = y_linear(1 - wrong / n)
            draw.ellipse((x - 5, ya - 5, x + 5, ya + 5), fill=colour)
            ye, yu = y_log(wrong / n), y_log(upper_bound(wrong, n))
            draw.line((x, ye, x, yu), fill=colour, width=2)
            draw.line((x - 4, yu, x + 4, yu), fill=colour, width=2)
            box = (x - 5, ye - 5, x + 5, ye + 5)
            draw.ellipse(box, fill=colour) if wrong else draw.ellipse(box, outline=colour, width=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
