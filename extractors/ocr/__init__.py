"""OCR of page images: Tesseract behind one thin wrapper (engine), and the geometry around it.

page reads one page image; sheet finds a photographed sheet on its desk and straightens it;
inverted_bands turns light-on-dark headings dark-on-light; orientation measures skew and
tells a turned page; second_reading reads again the text the first reading skipped;
checkbox_words puts the check boxes found in the image among the words.
"""
