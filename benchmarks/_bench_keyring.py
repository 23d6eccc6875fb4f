"""A keyring backend for bench_ui: hands out BENCH_KEYRING_KEY, as an OS keyring holds a key.

Named by PYTHON_KEYRING_BACKEND in the child's environment, so keyring skips discovering the
platform's backends (which on a desk costs more: D-Bus, Keychain or Credential Manager).
"""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend


class EnvKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("BENCH_KEYRING_KEY")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("the benchmark's keyring is read-only")

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError("the benchmark's keyring is read-only")
