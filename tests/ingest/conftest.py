"""Fixtures of the ingest tests: a real PostgreSQL server for the --db sink."""

from __future__ import annotations

import itertools
import os

import pytest

from tests.ingest import postgres_server

_databases = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of the session's own (tests/ingest/postgres_server.py). Where none can
    be started the tests that need it are skipped, saying why, except in CI (CI=true), where
    it must start: make test installs it."""
    try:
        import psycopg  # noqa: F401 — the sink's client, installed with saraban
        server = postgres_server.start()
    except (ImportError, postgres_server.ServerUnavailable) as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no PostgreSQL server for the --db tests in CI: {error}")
        pytest.skip(f"no PostgreSQL server for the --db tests: {error}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres) -> str:
    """The URL of a new, empty database of the session's server."""
    import psycopg

    name = f"test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres.url(name)
