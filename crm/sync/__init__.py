"""Two-way sync with CardDAV/CalDAV servers: accounts, the wire client, merging, the run."""
