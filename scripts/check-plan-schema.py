#!/usr/bin/env python3
"""Validates real rendered plans (the golden JSON files, plan and saved plan) against
schemas/plan.schema.json, and checks that the schema rejects documents that break it."""
import copy
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas/plan.schema.json").read_text())
GOLDEN = sorted((ROOT / "Tests/DooorCoreTests/Golden").glob("plan*.json"))

jsonschema.Draft202012Validator.check_schema(SCHEMA)
validator = jsonschema.Draft202012Validator(SCHEMA)

failures = 0
if not GOLDEN:
    print("plan schema: no golden plans found", file=sys.stderr)
    sys.exit(1)
for path in GOLDEN:
    document = json.loads(path.read_text())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        failures += 1
        print(f"{path.relative_to(ROOT)}: {'/'.join(map(str, error.path))}: {error.message}")
    if not errors:
        print(f"plan schema: {path.relative_to(ROOT)} is valid")

# The schema must not accept everything: break a valid plan and expect a rejection.
sample = json.loads(GOLDEN[0].read_text())
broken = []
for mutate in (
    lambda d: d.pop("summary"),
    lambda d: d.__setitem__("formatVersion", 2),
    lambda d: d["changes"][0].__setitem__("action", "upgrade"),
    lambda d: d["changes"][0].__setitem__("destructive", d["changes"][0]["action"] in ("create", "update")),
    lambda d: d.__setitem__("surprise", True),
):
    candidate = copy.deepcopy(sample)
    mutate(candidate)
    if validator.is_valid(candidate):
        broken.append(candidate)
if broken:
    failures += len(broken)
    print(f"plan schema: {len(broken)} invalid documents were accepted", file=sys.stderr)

sys.exit(1 if failures else 0)
