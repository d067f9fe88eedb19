"""Export layer: chart images, data tables, ZIP bundles, slide decks and Word briefings.
Never imports streamlit.

Split by need: tables work everywhere, images need Chromium (see export_available()).
"""

from .bundle import (
    BUNDLE_FORMATS,
    bundle_names,
    bundle_zip,
    headline_names,
    to_pptx_bytes,
)
from .docx import to_docx_bytes
from .images import (
    FONT_FAMILY,
    SIZES,
    ChartExport,
    ExportUnavailableError,
    browser_path,
    export_available,
    print_figure,
    shutdown,
    to_png_bytes,
    to_svg_bytes,
)
from .sections import DocSection
from .tables import neutralise_cell, safe_filename, to_csv_bytes, to_xlsx_bytes

__all__ = [
    "BUNDLE_FORMATS",
    "FONT_FAMILY",
    "SIZES",
    "ChartExport",
    "DocSection",
    "ExportUnavailableError",
    "browser_path",
    "bundle_names",
    "bundle_zip",
    "export_available",
    "headline_names",
    "neutralise_cell",
    "print_figure",
    "safe_filename",
    "shutdown",
    "to_csv_bytes",
    "to_docx_bytes",
    "to_png_bytes",
    "to_pptx_bytes",
    "to_svg_bytes",
    "to_xlsx_bytes",
]
