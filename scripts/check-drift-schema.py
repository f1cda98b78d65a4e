#!/usr/bin/env python3
"""Validates the rendered drift reports (Tests/DooorCoreTests/Golden/drift*.json) against
schemas/drift.schema.json, and checks that the schema rejects documents that break it."""
import copy
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas/drift.schema.json").read_text())
GOLDEN = sorted((ROOT / "Tests/DooorCoreTests/Golden").glob("drift*.json"))

jsonschema.Draft202012Validator.check_schema(SCHEMA)
validator = jsonschema.Draft202012Validator(SCHEMA)

failures = 0
if not GOLDEN:
    print("drift schema: no golden drift reports found", file=sys.stderr)
    sys.exit(1)
for path in GOLDEN:
    document = json.loads(path.read_text())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        failures += 1
        print(f"{path.relative_to(ROOT)}: {'/'.join(map(str, error.path))}: {error.message}")
    if not errors:
        print(f"drift schema: {path.relative_to(ROOT)} is valid")

# The schema must not accept everything: break a report with drift and expect a rejection.
sample = next(
    (json.loads(p.read_text()) for p in GOLDEN if json.loads(p.read_text())["changed"]), None)
if sample is None:
    print("drift schema: no golden report with changed fields", file=sys.stderr)
    sys.exit(1)
broken = []
for mutate in (
    lambda d: d.pop("summary"),
    lambda d: d.__setitem__("formatVersion", 2),
    lambda d: d.__setitem__("drift", "yes"),
    lambda d: d["changed"][0]["fields"][0].__setitem__("name", "color"),
    lambda d: d["changed"][0].__setitem__("fields", []),
    lambda d: d["unmanaged"][0].pop("pruned"),
    lambda d: d.__setitem__("surprise", True),
):
    candidate = copy.deepcopy(sample)
    mutate(candidate)
    if validator.is_valid(candidate):
        broken.append(candidate)
if broken:
    failures += len(broken)
    print(f"drift schema: {len(broken)} invalid documents were accepted", file=sys.stderr)

sys.exit(1 if failures else 0)
