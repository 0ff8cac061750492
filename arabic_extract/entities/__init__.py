"""The entity stage, in pipeline order: the CNN's lexical features (:mod:`.features`), the CRF
beside it (:mod:`.crf`, ``arabic_crf``), names both missed (:mod:`.names`, ``arabic_names``) and
mention clusters (:mod:`.clusters`, ``arabic_clusters``). Reads tokens; writes ``doc.ents``,
``doc.spans["mentions"]`` and the clusters.
"""
