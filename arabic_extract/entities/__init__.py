"""The entity stage, in pipeline order: the CNN's lexical features (:mod:`.features`), the CRF
beside it (:mod:`.crf`, ``arabic_crf``), names both missed (:mod:`.names`, ``arabic_names``, with
the word classes of :mod:`.name_words` and the one-label-everywhere rules of :mod:`.repeats`),
entities in Latin script dropped (:mod:`.script`, ``arabic_script_filter``) and mention clusters
(:mod:`.clusters`, ``arabic_clusters``). Reads tokens; writes ``doc.ents``, ``doc.spans["mentions"]``
and the clusters.
"""
