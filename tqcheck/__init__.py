"""tqcheck: translation-quality checks for Arabic sources and their English machine translation.

Importing the package is cheap: heavy libraries (torch, transformers, the sentence encoder) are imported
only where they are first used.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
