"""Real-browser tests: Playwright drives Debian's Chromium against the app served live with the demo."""
