#!/usr/bin/env python3
"""Checks the JSON Schemas: every example manifest passes, every invalid fixture fails."""
print("schemas: nothing to check yet")
