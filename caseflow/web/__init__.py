"""HTTP plumbing shared by the pages, the API and Open311: rate limits and once-only POSTs."""
