"""Accounts: units, users, passwords and API tokens, login, and the administrators' unit and user screens."""
