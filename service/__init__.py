"""The web service (Flask): review UI and JSON API. Arrives with the review issue."""
