"""Russian reports: the Natasha stack (razdel, slovnet, navec) for sentences, tokens,
morphology and names, pymorphy3 for lemmas, and rules over word lists in ``data/ru/``.

Records follow the same contract and measures as English, so reconcile links a Russian
report's incident, entities and figures with the English reports of the same attack.
"""
