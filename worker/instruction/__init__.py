"""What the bureau does with a dossier: reviewers' corrections and decisions, the triage queue,
the team's labels, notes and saved views."""
