"""Companies: finding, listing, editing, renaming and merging employers."""
