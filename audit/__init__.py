"""Audit of access: who signed in, failed to, signed out, exported or downloaded what, when, from
which address; and the page where the 审计员 reads it beside the records' change history."""
