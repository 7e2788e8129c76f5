"""English reports: one spaCy pass per chunk, then the English rule components.

The rules read English parser labels (nsubj, dobj), function words and the word lists of
``data/en/``; the extractor registers itself as ``en`` (:mod:`.extractor`).
"""
