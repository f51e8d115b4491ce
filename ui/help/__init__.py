"""The Help menu: keyboard shortcuts, how Rapport works, the data folder, About."""
