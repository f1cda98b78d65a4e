#!/usr/bin/env python3
"""Checks the JSON Schemas: each is a valid 2020-12 schema, every example manifest passes
schemas/manifest.schema.json, and every file under the schema-invalid fixtures fails it;
every example policy file (`*.policy.yaml`) passes schemas/policy.schema.json, and every
bad policy fixture fails it (but those only dooordb itself can judge).

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
POLICY_SCHEMA = ROOT / "schemas" / "policy.schema.json"
BAD_POLICIES = ROOT / "Tests" / "DooorCoreTests" / "Fixtures" / "bad-policies"
EXAMPLES = ROOT / "examples"
INVALID = ROOT / "Tests" / "DooorCoreTests" / "Fixtures" / "schema-invalid"


def is_policy(path):
    return path.name.endswith((".policy.yaml", ".policy.yml"))


def yaml_files(directory):
    """YAML files under directory, sorted, hidden entries skipped (as dooordb reads them)."""
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            yield path


def manifests(directory):
    """Manifests under directory: policy files are skipped, as dooordb skips them."""
    return (path for path in yaml_files(directory) if not is_policy(path))


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

    policy_validator = jsonschema.Draft202012Validator(
        json.loads(POLICY_SCHEMA.read_text(encoding="utf-8")))
    policies = [path for path in yaml_files(EXAMPLES) if is_policy(path)]
    for path in policies:
        for document in documents(path):
            for error in policy_validator.iter_errors(document):
                where = "/".join(str(part) for part in error.absolute_path) or "(root)"
                failures.append(f"{path.relative_to(ROOT)} at {where}: {error.message}")
    # Bad policy files must fail the schema too, but for those only dooordb can judge: a
    # name used twice, a regular expression that does not compile, YAML that does not parse
    # or repeats a key, an unset ${VAR}.
    beyond_schema = {"duplicate-name", "slug-pattern-bad-regex", "syntax-error", "duplicate-key",
                     "unset-variable"}
    shape_only = [path for path in sorted(BAD_POLICIES.glob("*.yaml"))
                  if path.stem not in beyond_schema]
    for path in shape_only:
        if all(policy_validator.is_valid(document) for document in documents(path)):
            failures.append(f"{path.relative_to(ROOT)}: expected the policy schema to reject it")

    if not examples or not invalid or not policies or not shape_only:
        failures.append("no examples or no invalid fixtures found")
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print(f"schemas: {len(examples)} example manifests pass, {len(invalid)} invalid fixtures fail;"
          f" {len(policies)} example policy files pass, {len(shape_only)} bad ones fail")
    return 0


if __name__ == "__main__":
    sys.exit(main())
