"""Persistence: the relational model, content-addressed blobs, the cache of computed results,
migrations, and `Store`, through which every row and blob is written."""
