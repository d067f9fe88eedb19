"""Stage 1, data: reading a package's files, its Table Schemas, validation, cross-checks and
the one shape of every problem."""
