"""Event coding: verb patterns, modality, dates, places and the CAMEO <-> PLOVER tables."""
