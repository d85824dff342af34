"""Logins and sessions: the password rules and history, the forced change, the idle timeout."""
