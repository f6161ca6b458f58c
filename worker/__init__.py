"""Orchestration and persistence: settings, storage, the pipeline, jobs and the CLI."""
