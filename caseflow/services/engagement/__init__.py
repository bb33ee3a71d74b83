"""Engagement: heads' reception schedules and minimums, public dialogues, ratings, the register, legal aid."""
