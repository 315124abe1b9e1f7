"""
The benchmarks, and the tools that serve them only: the settings and URLconf that add the bare
baseline view (``benchmarks.settings``), and ``generate_content``, which fills a database with
realistic generated content. Never part of the production site.
"""
