"""Stage 3, charts: one builder per chart, one template and palette, margins fitted to labels,
and which filters a chart highlights instead of applying."""
