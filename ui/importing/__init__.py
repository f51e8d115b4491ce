"""File ▸ Import… and Export…, and Contacts ▸ Find duplicates…: menus and dialogs."""
