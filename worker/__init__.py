"""Orchestration and persistence, in layers (docs/architecture.md): `settings` and `events`
shared by all, then `persistence`, `core`, `instruction`, `mail`, and the ways in, `entry`."""
