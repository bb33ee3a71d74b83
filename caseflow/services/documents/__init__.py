"""Official documents: when each may be issued and by whom, their numbers, words, bodies and DOCX files."""
