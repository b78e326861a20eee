"""Converts the edition's source texts into the Markdown pages of the site."""
