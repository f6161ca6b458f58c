"""Document logic: reading mail, archives, office files, PDFs and images into pages."""
