"""The prep sheet: prep dialog, live preview, printing and PDF, recorded answers, Advice page."""
