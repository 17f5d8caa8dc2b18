"""Deliver finished briefings: atomic file writes, e-mail drafts and SMTP.

A leaf of the package: it imports no other stage, and knows nothing of corpora or plans.
"""
