"""Tests of tools/classroom/, the class tools: assignments, hidden tests, the class report."""
