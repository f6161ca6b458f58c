"""Vector emblems of the letterheads: a collectivité's logo and the State's Marianne."""
from __future__ import annotations

import math
import random

from .pdf import Page


def _emblem(page: Page, rng: random.Random, x: float, y: float, s: float, cols: list) -> None:
    """A small drawn logo in the square (x, y, s, s): hills, waves, a shield, a sun, a leaf."""
    kind = rng.choice(["hills", "waves", "shield", "sun", "leaf", "squares"])
    c1, c2, c3 = cols[0], cols[1 % len(cols)], cols[2 % len(cols)]
    if kind == "hills":
        page.path(f"{x:.1f} {y:.1f} m {x + s * .3:.1f} {y + s * .9:.1f} {x + s * .5:.1f} {y + s * .9:.1f} "
                  f"{x + s * .7:.1f} {y + s * .45:.1f} c {x + s * .85:.1f} {y + s * .7:.1f} {x + s:.1f} "
                  f"{y + s * .6:.1f} {x + s:.1f} {y + s * .4:.1f} c {x + s:.1f} {y:.1f} l h f", c1)
        page.path(f"{x:.1f} {y:.1f} m {x + s * .4:.1f} {y + s * .45:.1f} {x + s * .7:.1f} {y + s * .1:.1f} "
                  f"{x + s:.1f} {y + s * .3:.1f} c {x + s:.1f} {y:.1f} l h f", c2)
        page.path(f"{x + s * .78:.1f} {y + s * .85:.1f} {s * .12:.1f} {s * .12:.1f} re f", c3)
    elif kind == "waves":
        for k, col in enumerate((c1, c2, c3)):
            yy = y + s * (0.25 + 0.25 * k)
            page.path(f"{x:.1f} {yy:.1f} m {x + s * .33:.1f} {yy + s * .18:.1f} {x + s * .66:.1f} "
                      f"{yy - s * .18:.1f} {x + s:.1f} {yy:.1f} c {x + s:.1f} {yy - s * .12:.1f} l "
                      f"{x + s * .66:.1f} {yy - s * .3:.1f} {x + s * .33:.1f} {yy + s * .06:.1f} "
                      f"{x:.1f} {yy - s * .12:.1f} c h f", col)
    elif kind == "shield":
        page.path(f"{x:.1f} {y + s:.1f} m {x + s * .8:.1f} {y + s:.1f} l {x + s * .8:.1f} {y + s * .4:.1f} l "
                  f"{x + s * .8:.1f} {y + s * .15:.1f} {x + s * .4:.1f} {y:.1f} {x + s * .4:.1f} {y:.1f} c "
                  f"{x + s * .4:.1f} {y:.1f} {x:.1f} {y + s * .15:.1f} {x:.1f} {y + s * .4:.1f} c h f", c1)
        page.path(f"{x:.1f} {y + s * .72:.1f} m {x + s * .8:.1f} {y + s * .72:.1f} l {x + s * .8:.1f} "
                  f"{y + s * .86:.1f} l {x:.1f} {y + s * .86:.1f} l h f", c2)
        page.path(f"{x + s * .34:.1f} {y + s * .12:.1f} {s * .12:.1f} {s * .56:.1f} re f", (255, 255, 255))
    elif kind == "sun":
        cx, cy, r = x + s / 2, y + s / 2, s * .28
        k = 0.5523 * r
        page.path(f"{cx + r:.1f} {cy:.1f} m {cx + r:.1f} {cy + k:.1f} {cx + k:.1f} {cy + r:.1f} {cx:.1f} {cy + r:.1f} c "
                  f"{cx - k:.1f} {cy + r:.1f} {cx - r:.1f} {cy + k:.1f} {cx - r:.1f} {cy:.1f} c "
                  f"{cx - r:.1f} {cy - k:.1f} {cx - k:.1f} {cy - r:.1f} {cx:.1f} {cy - r:.1f} c "
                  f"{cx + k:.1f} {cy - r:.1f} {cx + r:.1f} {cy - k:.1f} {cx + r:.1f} {cy:.1f} c f", c1)
        for a in range(12):
            ang = a * math.pi / 6
            x1, y1 = cx + math.cos(ang) * r * 1.3, cy + math.sin(ang) * r * 1.3
            x2, y2 = cx + math.cos(ang) * r * 1.75, cy + math.sin(ang) * r * 1.75
            page.line(x1, y1, x2, y2, s * 0.05, c2)
    elif kind == "leaf":
        page.path(f"{x + s * .1:.1f} {y + s * .1:.1f} m {x + s * .1:.1f} {y + s * .8:.1f} {x + s * .6:.1f} "
                  f"{y + s:.1f} {x + s * .95:.1f} {y + s * .95:.1f} c {x + s * .9:.1f} {y + s * .5:.1f} "
                  f"{x + s * .6:.1f} {y + s * .1:.1f} {x + s * .1:.1f} {y + s * .1:.1f} c f", c1)
        page.line(x + s * .1, y + s * .1, x + s * .7, y + s * .7, s * .04, (255, 255, 255))
    else:
        for i in range(3):
            for j in range(3):
                if rng.random() < 0.75:
                    col = (c1, c2, c3)[(i + j) % 3]
                    page.path(f"{x + i * s / 3:.1f} {y + j * s / 3:.1f} {s / 3.4:.1f} {s / 3.4:.1f} re f", col)


def _marianne(page: Page, x: float, y: float, h: float) -> None:
    """The State's bloc-marque emblem, simplified: blue and red fields split by
    a white profile-like curve."""
    w = h * 1.55
    page.rect(x, y, w * 0.46, h, (0, 0, 145))
    page.rect(x + w * 0.54, y, w * 0.46, h, (225, 0, 15))
    page.path(f"{x + w * .46:.1f} {y:.1f} m {x + w * .40:.1f} {y + h * .4:.1f} {x + w * .60:.1f} {y + h * .6:.1f} "
              f"{x + w * .50:.1f} {y + h:.1f} c {x + w * .56:.1f} {y + h:.1f} l {x + w * .66:.1f} {y + h * .6:.1f} "
              f"{x + w * .46:.1f} {y + h * .4:.1f} {x + w * .54:.1f} {y:.1f} c h f", (255, 255, 255))

