"""Stage 0, extract: an article in the review's format → draft tables, or with the curation
files → a finished data package."""
