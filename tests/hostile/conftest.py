"""Hostile-input tests share tests/conftest.py: its helpers are importable here as ``from conftest import ...``.

pytest imports every conftest.py outside a package as the module "conftest", the
last one loaded replacing the others in sys.modules; so this one carries the
helpers and constants of tests/conftest.py (run_kg, KG, ROOT, SEEDS ...), loaded
from its file, for the test modules of both folders. Its fixtures are not copied:
pytest already gives them to the tests here.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PARENT = Path(__file__).resolve().parent.parent / "conftest.py"
if str(_PARENT.parent) not in sys.path:
    sys.path.insert(0, str(_PARENT.parent))
_spec = importlib.util.spec_from_file_location("_kg_tests_conftest", _PARENT)
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)
globals().update({name: value for name, value in vars(_shared).items()
                  if not name.startswith("__") and not hasattr(value, "_get_wrapped_function")
                  and type(value).__name__ != "FixtureFunctionDefinition"})
