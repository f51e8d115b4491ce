"""Command-line commands that need no window (each module: NAME, HELP, add_arguments, run)."""
