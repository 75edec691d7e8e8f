"""The window's parts for claims with structure (issue 10): attributes, relations, article
fields and the scheme's definitions."""
