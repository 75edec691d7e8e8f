"""The performance suite (``make bench``): each figure next to a raw floor measured in the same run."""
