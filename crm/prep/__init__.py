"""Preparing meetings: the prep sheet's content, the question bank and the advice tally."""
