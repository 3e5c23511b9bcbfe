"""Translation models for back-translation: the catalogue (``models.txt``), finding models on disk, engines
(transformers, CTranslate2), the translation cache, and ``backtranslate`` for the pipeline.

Importing this package loads neither torch nor CTranslate2; engines load them when first created.
"""
