"""What Guichet sends: the outbox, the mails' texts and templates, each dossier's thread, the
daily digest."""
