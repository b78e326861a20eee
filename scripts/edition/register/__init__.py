"""The register of names: its entries, typed, and the names a passage is found by."""
