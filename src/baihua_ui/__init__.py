"""Streamlit side of Baihua: session state, cached data, filter bar and chart boxes.

Pages import from here; the analytics core in `metrics` never imports Streamlit.
"""
