"""The window's parts for claims with structure (issue 10): the inspector of a span's
attributes, the relation layer and the article panel."""
