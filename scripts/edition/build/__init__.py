"""The build and its publishing: verified sources, the strict engine build, search over site/, whole or not at all."""
