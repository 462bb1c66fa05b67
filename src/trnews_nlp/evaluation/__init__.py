"""Evaluation commands: `trnews-nlp evaluate {ner,ud,speed,...}`; each module offers `add_arguments` and `run`."""
