"""The outreach pipeline: stages and the board of contacts moving through them."""
