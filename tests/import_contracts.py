"""An import-linter contract that forbids named parts of an external package.

import-linter sees an external package such as PySide6 as one node, so its own forbidden
contract cannot say "QtCore yes, QtWidgets no". This contract reads the import lines that
the graph keeps for each ``module -> PySide6`` edge instead, which is exact for the
``from PySide6.QtWidgets import ...`` and ``import PySide6.QtWidgets`` forms we use.
"""

from __future__ import annotations

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class ForbiddenSubmoduleContract(Contract):
    """Modules under ``source_modules`` never import any of ``forbidden_submodules``.

    Configuration: ``source_modules`` (packages of ours) and ``forbidden_submodules``
    (dotted names inside an external package, e.g. ``PySide6.QtWidgets``).
    """

    type_name = "forbidden submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_submodules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        broken: list[str] = []
        for source in self.source_modules:
            modules = {str(source)} | graph.find_descendants(str(source))
            for importer in sorted(modules):
                for forbidden in self.forbidden_submodules:
                    top = str(forbidden).split(".")[0]
                    if not graph.direct_import_exists(importer=importer, imported=top):
                        continue
                    for detail in graph.get_import_details(importer=importer, imported=top):
                        line = str(detail["line_contents"])
                        if _names(line, str(forbidden)):
                            broken.append(f"{importer}:{detail['line_number']}: {line}")
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["broken"]:
            output.print_error(line)
            output.new_line()


def _names(line: str, forbidden: str) -> bool:
    """Whether an import line imports ``forbidden`` or something inside it."""
    words = line.replace(",", " ").split()
    return any(word == forbidden or word.startswith(forbidden + ".") for word in words)
