"""The passes: each takes model documents and returns them finished a step further (notes, controls, metadata, views)."""
