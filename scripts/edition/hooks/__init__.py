"""MkDocs hooks, named by path in mkdocs.yml; each stands alone (MkDocs loads it as a file, not from this package)."""
