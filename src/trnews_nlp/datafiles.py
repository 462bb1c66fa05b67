"""Reading the versioned word lists and tables that sit beside their components (`titles.txt`,
`sources.txt`, `confidence.tsv`, `entity_data/*.txt`): one place for their shared format."""

from __future__ import annotations

from pathlib import Path
from typing import List


def data_lines(path: Path) -> List[str]:
    """The non-blank lines of a data file, stripped, without `#` comment lines."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]
