"""Reception: sessions at the desk, what the desk reads, the citizen's side (tracking, online letters)."""
