"""Oversight: prolonged cases, inspections of cases, and inspection rounds over units."""
