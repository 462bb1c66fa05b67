"""Training of the statistical models: corpus conversion, `trnews-nlp train`, and model assembly."""
