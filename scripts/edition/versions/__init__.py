"""Versions: what each release holds, which version a build is, and making a release."""
