"""The processing of a dossier: intake (stored first), dispatch (queue it or run it here), the
pipeline's stages, signatures, assembly across messages, the export, the reading's progress."""
