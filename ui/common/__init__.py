"""What the pages share: the undo-command base and other small pieces."""
