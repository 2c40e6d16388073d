"""Synthetic benchmark corpus for ntp-warehouse.

`benchmarks.corpus` renders invented documents in the genre of Vietnam's National Target Programme 1719
(provincial plans, allocation decisions, adjustment resolutions, progress reports, district plans, news)
together with an answer key; `python -m benchmarks.generate_corpus` writes a corpus to disk.

Every figure in the generated documents is invented. Never copy generated files into `documents/`.
"""
