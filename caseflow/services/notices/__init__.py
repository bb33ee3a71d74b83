"""Notices: the notification outbox and who hears of what, the in-app inbox, e-mail composition and SMTP."""
