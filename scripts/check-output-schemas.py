#!/usr/bin/env python3
"""Validates real rendered outputs against their schemas, and checks that each schema rejects
documents that break it: the golden plan, saved plan, drift, failure and validate JSON files,
and the json outputs of every other command (apply, get, list, connection), produced by running
the built dooordb (argument 1, default .build/debug/dooordb) against its embedded local API."""
import copy
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "Tests/DooorCoreTests/Golden"


def has_drift(document):
    return bool(document.get("changed"))


def is_plan(document):
    return "changes" in document


def is_failure(document):
    return document.get("status") == "error" and "changes" not in document and "drift" not in document


# Every `--format json` output says whether the run worked (CONTRACT §10); saved plans are files
# for apply, not outputs, and have no status.
def has_status(path, document):
    if not path.name.startswith(("plan", "drift")):
        return True
    return document.get("kind") == "dooordb-saved-plan" or document.get("status") in ("ok", "error")


FAILURE_MUTATIONS = [
    lambda d: d.__setitem__("status", "ok"),
    lambda d: d.pop("errors"),
    lambda d: d["errors"][0].pop("message"),
    lambda d: d.__setitem__("summary", {}),
]


# name, schema, golden files, which golden file to break, ways to break it.
OUTPUTS = [
    ("local status", "schemas/local-status.schema.json", "local-status*.json", lambda d: True, [
        lambda d: d.pop("databases"),
        lambda d: d["databases"][0].__setitem__("mode", "virtual"),
        lambda d: d["databases"][0].pop("pid"),
        lambda d: d.__setitem__("surprise", True),
    ]),
    ("plan", "schemas/plan.schema.json", "plan*.json", is_plan, [
        lambda d: d.pop("summary"),
        lambda d: d.__setitem__("formatVersion", 2),
        lambda d: d["changes"][0].__setitem__("action", "upgrade"),
        lambda d: d["changes"][0].__setitem__(
            "destructive", d["changes"][0]["action"] in ("create", "update")),
        lambda d: d.__setitem__("surprise", True),
        lambda d: d.__setitem__("status", "fine"),
    ]),
    ("plan failure", "schemas/plan.schema.json", "plan.failure.json", is_failure,
     FAILURE_MUTATIONS),
    ("drift failure", "schemas/drift.schema.json", "drift.failure.json", is_failure,
     FAILURE_MUTATIONS),
    ("validate", "schemas/validate.schema.json", "validate-*.json", lambda d: True, [
        lambda d: d.pop("formatVersion"),
        lambda d: d.__setitem__("valid", "yes"),
        lambda d: d["errors"].append({"message": "no place"}),
    ]),
    ("saved plan", "schemas/plan.schema.json", "plan.saved.json", lambda d: "origin" in d, [
        lambda d: d["origin"].pop("apiURL"),
        lambda d: d["origin"].__setitem__("createdAt", "2025-12-01 12:00"),
        lambda d: d["origin"].__setitem__("workspaces", "acme"),
        lambda d: d["origin"].__setitem__("surprise", True),
    ]),
    ("drift", "schemas/drift.schema.json", "drift*.json", has_drift, [
        lambda d: d.pop("summary"),
        lambda d: d.__setitem__("formatVersion", 2),
        lambda d: d.__setitem__("drift", "yes"),
        lambda d: d["changed"][0]["fields"][0].__setitem__("name", "color"),
        lambda d: d["changed"][0].__setitem__("fields", []),
        lambda d: d["unmanaged"][0].pop("pruned"),
        lambda d: d.__setitem__("surprise", True),
        lambda d: d.pop("status"),
        lambda d: d.__setitem__("status", "error"),
    ]),
]


def check(name, schema_path, pattern, breakable, mutations):
    schema = json.loads((ROOT / schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    golden = sorted(GOLDEN.glob(pattern))
    if not golden:
        print(f"{name} schema: no golden files {pattern}", file=sys.stderr)
        return 1
    failures = 0
    for path in golden:
        document = json.loads(path.read_text())
        if not has_status(path, document):
            failures += 1
            print(f"{path.relative_to(ROOT)}: no \"status\" (CONTRACT §10)")
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors:
            failures += 1
            print(f"{path.relative_to(ROOT)}: {'/'.join(map(str, error.path))}: {error.message}")
        if not errors:
            print(f"{name} schema: {path.relative_to(ROOT)} is valid")
    # The schema must not accept everything: break a valid document and expect a rejection.
    sample = next((d for d in (json.loads(p.read_text()) for p in golden) if breakable(d)), None)
    if sample is None:
        print(f"{name} schema: no golden file to break", file=sys.stderr)
        return failures + 1
    accepted = 0
    for mutate in mutations:
        candidate = copy.deepcopy(sample)
        mutate(candidate)
        accepted += validator.is_valid(candidate)
    if accepted:
        print(f"{name} schema: {accepted} invalid documents were accepted", file=sys.stderr)
    return failures + accepted


# command, arguments, schema, ways to break its output. Run in order in one folder, so `apply`
# makes the database the others read.
LIVE = [
    ("apply", ["apply", "--local", "--auto-approve", "--format", "json", "acme.yaml"],
     "schemas/apply.schema.json", [lambda d: d.pop("formatVersion"), lambda d: d.pop("summary")]),
    ("get", ["get", "--local", "--workspace", "acme", "orders", "--format", "json"],
     "schemas/get.schema.json", [lambda d: d.pop("formatVersion"), lambda d: d.pop("slug")]),
    ("list", ["list", "--local", "--workspace", "acme", "--format", "json"],
     "schemas/list.schema.json", [lambda d: d.pop("formatVersion"),
                                  lambda d: d.__setitem__("surprise", 1)]),
    ("connection", ["connection", "--local", "--workspace", "acme", "orders", "--format", "json"],
     "schemas/connection.schema.json", [lambda d: d.pop("formatVersion"),
                                        lambda d: d.__setitem__("port", "5432")]),
    ("validate", ["validate", "acme.yaml", "--format", "json"], "schemas/validate.schema.json",
     [lambda d: d.pop("formatVersion")]),
    ("plan", ["plan", "--local", "--format", "json", "acme.yaml"], "schemas/plan.schema.json",
     [lambda d: d.pop("formatVersion"), lambda d: d.__setitem__("status", "fine")]),
    ("drift", ["drift", "--local", "--format", "json", "acme.yaml"], "schemas/drift.schema.json",
     [lambda d: d.pop("status")]),
    ("failed plan", ["plan", "--format", "json", "missing.yaml"], "schemas/plan.schema.json",
     [lambda d: d.__setitem__("status", "ok")]),
    ("failed drift", ["drift", "--format", "json", "missing.yaml"], "schemas/drift.schema.json",
     [lambda d: d.pop("errors")]),
]

MANIFEST = "workspace: acme\ndatabases:\n  - slug: orders\n    name: Orders\n    engine: postgresql\n"


def check_live(binary):
    if not binary.is_file():
        print(f"live outputs: no dooordb at {binary}; build it first (swift build)", file=sys.stderr)
        return 1
    failures = 0
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/"),
                   "DOOORDB_LOCAL_ENGINES": "simulated", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as folder:
        pathlib.Path(folder, "acme.yaml").write_text(MANIFEST)
        for name, arguments, schema_path, mutations in LIVE:
            run = subprocess.run([str(binary)] + arguments, cwd=folder, env=environment,
                                 capture_output=True, text=True, timeout=120)
            try:
                document = json.loads(run.stdout)
            except json.JSONDecodeError:
                print(f"live {name}: not one json document (exit {run.returncode}): {run.stdout}{run.stderr}")
                failures += 1
                continue
            validator = jsonschema.Draft202012Validator(json.loads((ROOT / schema_path).read_text()))
            errors = list(validator.iter_errors(document))
            for error in errors:
                print(f"live {name}: {'/'.join(map(str, error.path))}: {error.message}")
            failures += len(errors)
            if not errors:
                print(f"live {name}: valid against {schema_path}")
            for mutate in mutations:
                candidate = copy.deepcopy(document)
                try:
                    mutate(candidate)
                except (KeyError, IndexError, TypeError):
                    continue  # already not what the schema describes; reported above
                if validator.is_valid(candidate):
                    print(f"live {name}: {schema_path} accepted a broken document", file=sys.stderr)
                    failures += 1
    return failures


binary = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".build/debug/dooordb"
golden_failures = sum(check(*output) for output in OUTPUTS)
sys.exit(1 if golden_failures + check_live(binary) else 0)
