"""A black-and-white scan sent as a PDF (one 1-bit image a page) is rendered for the signature
check at another resolution: its edges greyed, the page image does not show it is black and
white. There a fine pen's line is broken by the scanner's threshold into dots lying in a row like
print's letters, a few left over: "not signed" over those few specks is not asserted, undecided.
An empty area on such a scan still reads "not signed"."""

from __future__ import annotations

import pypdfium2
import pytest

from extractors import pdf_text


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """bench/signstudy's letters of study seeds 344 (signed in a fine grey pen over the name,
    scanned 200 dpi black and white), 308 (unsigned, same scan) and 306 (a grey scan)."""
    from bench.signstudy import make_file

    folder = tmp_path_factory.mktemp("sign33")
    return {seed: make_file(seed, folder) for seed in (344, 308, 306)}


def test_a_one_bit_scan_page_is_told_from_a_grey_one(made):
    for seed, one_bit in ((344, True), (308, True), (306, False)):
        path, kind, info, _ = made[seed]
        assert kind == "pdf" and info["dmode"] == ("scan200bw" if one_bit else "scan150")
        document = pypdfium2.PdfDocument(str(path))
        try:
            assert pdf_text.one_bit_scan_page(document, 0) is one_bit
        finally:
            document.close()


def test_a_fine_pen_broken_into_specks_on_a_one_bit_scan_is_not_read_unsigned(made, tmp_path):
    from bench.signstudy import check_seed

    path, kind, info, signed = made[344]
    assert signed and info["ink"] == "grey" and info["weight"] == 0.55
    result = check_seed(344, path, kind, tmp_path / "344.pages")
    assert result is not None and result.signed is not False, result
    assert result.signed is None or result.kind == "manuscrite"


def test_an_empty_area_on_a_one_bit_scan_is_still_unsigned(made, tmp_path):
    from bench.signstudy import check_seed

    path, kind, info, signed = made[308]
    assert not signed and not info.get("stamp")
    result = check_seed(308, path, kind, tmp_path / "308.pages")
    assert result is not None and result.signed is False, result
