"""ntp-warehouse loaders: read programme documents, extract targets and funding lines with provenance."""

__version__ = "0.1.0"
