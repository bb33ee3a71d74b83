"""Business rules: every view, API endpoint, CLI command and the sweeper call these functions."""
