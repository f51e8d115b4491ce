"""What the pages share: the rows-and-headers model base, prompts, dates, plain-text helpers."""
