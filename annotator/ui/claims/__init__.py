"""The window's parts for claims with structure (issue 10): relations drawn and made over the
article view, the inspector, the article panel."""
