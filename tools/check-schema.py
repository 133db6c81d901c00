#!/usr/bin/env python3
"""Checks Campaigns/campaign.schema.json against the examples and the broken-file corpus.

Every example must pass the schema. Broken files the schema can see (syntax aside, anything
not about references or schedules) should fail it; the script lists which ones the schema
lets through, so a drift between the schema and `voxpop check` shows up. Needs `jsonschema`
(pip install jsonschema).
"""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "Campaigns/campaign.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failed = False
for path in sorted((root / "Campaigns").glob("*.json")):
    if path.name.endswith(".schema.json"):
        continue
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    for error in errors:
        print(f"{path.name}: {error.json_path}: {error.message}")
    failed |= bool(errors)
    print(f"{path.name}: {'FAILS the schema' if errors else 'ok'}")

passed_through = []
for path in sorted((root / "Tests/VoxPopCampaignsTests/Fixtures/broken").glob("*.json")):
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        continue  # syntax errors: the schema never sees them
    if validator.is_valid(document):
        passed_through.append(path.name)
print("broken files the schema cannot see (references, schedules, counts; only voxpop check finds these):")
for name in passed_through:
    print(f"  {name}")
sys.exit(1 if failed else 0)
