"""Names on both sides of a segment, one module a job.

    words       the words of a segment (Latin and Arabic) with spans and comparison forms
    english     English name spotting (capitalised runs, name units)
    arabic      Arabic name spotting (words after a title, known names)
    exonyms     names Arabic translates rather than transliterates (Egypt = مصر)
    matching    cross-script matching by sound (which Arabic word sounds like a Latin name)
    latin       comparing Latin renderings (folding, whole words in compounds, initials, derived words)
    segment     one segment's analysis: both sides spotted and paired
    reference   the reference as authority: name units of the reference against those of the translation

Importing this package loads rapidfuzz (through ``matching``); import the submodule you need.
"""
