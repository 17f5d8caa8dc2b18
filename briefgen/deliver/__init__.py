"""Deliver finished briefings: atomic file writes, e-mail drafts and SMTP, batch plans."""
