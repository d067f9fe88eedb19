"""Baihua's analytics core: loading, validation, aggregation, figures and export.

Nothing here imports streamlit, so the same code serves the dashboard, the CLI and the tests.
"""

SOURCE_ZH = "金山区2018年社会建设创新项目巡礼"
SOURCE_EN = "Jinshan District 2018 Social-Construction Innovation Projects Review"
