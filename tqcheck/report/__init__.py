"""Renderers: turn a report document (``Report.to_dict()``) into something to read. They never compute scores."""
