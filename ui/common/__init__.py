"""What the pages share: the undo-command base, the rows-and-headers model base, prompts,
dates and plain-text helpers."""
