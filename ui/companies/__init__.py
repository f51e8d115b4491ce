"""The Companies page: companies with their contacts, rename and merge."""
