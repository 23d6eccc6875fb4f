"""Site mode: one customer memory for a BPO floor on the site's PostgreSQL server.

`config` is what a desk knows about its site (no secrets; the password is in the OS keyring).
Qt-free, like `storage`: the panel reaches it through the composition root (`copilot.app`).
"""
