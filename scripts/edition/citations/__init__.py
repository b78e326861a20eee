"""Citations: the CSL-JSON records, the seam to citeproc, and the downloads for reference managers."""
