"""Format readers: pure functions from a document's bytes (or decoded text) to text units.

Each module handles one concern: `sniff` (what kind of file is this), `encoding` (bytes -> text, legacy
Vietnamese encodings), and one module per format (`plaintext`, `webpage`, `word`, `spreadsheet`, `pdf`).
They raise `Unreadable(reason, detail)`; `loaders.read` turns that into a `ReadError` naming the file.
"""
