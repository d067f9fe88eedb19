"""Stage 2, analysis: filters, aggregations, and what a report or /data says in words."""
