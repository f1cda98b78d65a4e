#!/usr/bin/env python3
"""Checks the JSON Schemas: each is a valid 2020-12 schema, every example manifest passes
schemas/manifest.schema.json, and every file under the schema-invalid fixtures fails it.

`${VAR}` is left as written (the schema accepts interpolated strings where a value may use
them), so the examples are checked exactly as they sit in the repository.
"""
import json
import pathlib
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
MANIFEST_SCHEMA = ROOT / "schemas" / "manifest.schema.json"
EXAMPLES = ROOT / "examples"
INVALID = ROOT / "Tests" / "DooorCoreTests" / "Fixtures" / "schema-invalid"


def manifests(directory):
    """YAML files under directory, sorted, hidden entries skipped (as dooordb reads them)."""
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            yield path


def documents(path):
    with path.open(encoding="utf-8") as handle:
        return [document for document in yaml.safe_load_all(handle) if document is not None]


def main():
    failures = []
    for schema_path in sorted((ROOT / "schemas").glob("*.json")):
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            failures.append(f"{schema_path.relative_to(ROOT)}: not a valid schema: {error.message}")

    validator = jsonschema.Draft202012Validator(
        json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8")))

    examples = list(manifests(EXAMPLES))
    for path in examples:
        for index, document in enumerate(documents(path), start=1):
            for error in validator.iter_errors(document):
                where = "/".join(str(part) for part in error.absolute_path) or "(root)"
                failures.append(
                    f"{path.relative_to(ROOT)} document {index} at {where}: {error.message}")

    invalid = list(manifests(INVALID))
    for path in invalid:
        if all(validator.is_valid(document) for document in documents(path)):
            failures.append(f"{path.relative_to(ROOT)}: expected the schema to reject it")

    if not examples or not invalid:
        failures.append("no examples or no invalid fixtures found")
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print(f"schemas: {len(examples)} example manifests pass, {len(invalid)} invalid fixtures fail")
    return 0


if __name__ == "__main__":
    sys.exit(main())
