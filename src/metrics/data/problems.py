"""One shape for every data problem: a slug for machines, a sentence for people.

Like frictionless-py's error types, each slug has one message template; `baihua check`, the
dashboard and `--json` all show the same Problem objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

TEMPLATES: dict[str, str] = {
    "folder-missing": "the data folder does not exist",
    "not-a-folder": "is a file, not a data folder",
    "file-missing": "the file is missing",
    "file-empty": "the file is empty",
    "file-too-large": "the file is {size_mb:.1f} MB; the limit is {limit_mb} MB",
    "file-binary": "the file is not text (it contains binary bytes)",
    "file-unreadable": "the file cannot be read: {reason}",
    "encoding-bom": "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
    "encoding-utf16": "the file is UTF-16 text; save it as UTF-8",
    "encoding": "the file is not UTF-8 (it looks like {guess}); save it as UTF-8",
    "csv-syntax": "the CSV cannot be parsed: {reason}",
    "header-missing": "the header row is missing",
    "column-missing": "the column is missing",
    "column-extra": "the column is not part of the {table} table (expected: {expected})",
    "column-duplicate": "the column appears more than once",
    "row-length": "the row has {found} cells; the header has {expected}",
    "required": "the cell is empty, but a value is required",
    "type": "{value!r} is not {kind}",
    "enum": "{value!r} is not one of: {allowed}",
    "minimum": "{value} is below the minimum {limit}",
    "maximum": "{value} is above the maximum {limit}",
    "pattern": "{value!r} does not have the form {example}",
    "duplicate": "{value!r} appears again (first on row {first})",
    "foreign-key": "{value!r} is not in {target}",
    "quote-not-in-source": "the quote is not found word for word in the article ({raw})",
    "value-not-in-quote": "the value {value} is not written in its quote (looked for {forms})",
    "text-not-in-project": "{what} is not found word for word in the text of {project}",
    "project-text-mismatch": "the {column} is not found word for word in the article",
    "review-flag": "has_review is {flag} but review_zh is {state}",
    "figure-project": "the figure id {value!r} does not start with its project id {project}",
    "datapackage-json": "datapackage.json is not valid JSON: {reason}",
    "datapackage-shape": "datapackage.json does not describe this package: {reason}",
    "raw-hash": "the article does not match the checksum in datapackage.json; it was changed",
    "table-empty": "the table has a header but no rows",
    "edition-missing": (
        'datapackage.json does not declare its edition: add "edition" with district, year, '
        "title, source and published (see data/README.md)"
    ),
    "edition-field": "the edition's {reason}",
    "edition-mismatch": "{column} is {value!r}, but datapackage.json's edition says {expected!r}",
    "library-empty": "the folder holds no data package (no datapackage.json, no edition)",
    "manifest-unreadable": (
        "the list of published editions cannot be read ({reason}); each edition is read from "
        "its folder or link instead, and publishing waits until the file is repaired"
    ),
    "id-in-other-edition": "the project id {value!r} is already used by the edition {other}",
    "name-in-other-edition": (
        "{value!r} has another {columns} in the edition {other}; a town or theme keeps one name "
        "across editions (rename it in town_successors.csv)"
    ),
    "successor-unknown": "the successor {value!r} is not a town of any edition",
}


@dataclass(frozen=True)
class Problem:
    slug: str
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    # The values the message was filled with, so that it can be worded again in Chinese
    # (problems_zh.py); not part of what the problem is, nor of the JSON report.
    values: tuple = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}" if self.row is not None else f"::{self.column}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        out = asdict(self)
        del out["values"]
        return out


def problem(slug: str, file: str, row: int | None = None, column: str | None = None, /, **values):
    """A Problem whose message is the slug's template filled with `values`."""
    message = TEMPLATES[slug].format(**values)
    return Problem(slug, file, message, row, column, tuple(values.items()))


class DataError(Exception):
    """Raised by the loader: the data folder has problems, all listed at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
