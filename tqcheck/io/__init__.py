"""Readers: files in, sentences and lines out, with every way a file can be bad turned into an InputError."""
