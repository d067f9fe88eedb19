"""Getting a review into the library without a programmer: the Excel template (template.py),
reading a filled-in workbook safely (container.py, workbook.py), and publishing a workbook or a
package as an edition (publish.py), atomically and logged (install.py), with the changes it
makes (diff.py)."""
