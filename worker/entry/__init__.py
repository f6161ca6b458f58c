"""The ways in: the `guichet` commands, the batch, the SMTP receiver, the IMAP poller, the RQ
jobs and their queues."""
