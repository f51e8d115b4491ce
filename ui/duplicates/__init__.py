"""Contacts ▸ Find duplicates…: likely pairs of the same person, merged undoably."""
