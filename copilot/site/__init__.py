"""Site mode: one customer memory for a BPO floor on the site's PostgreSQL server.

`config` is what a desk knows about its site (no secrets; the password is in the OS keyring).
The desk's own database is the site's offline cache: `mode` wires it (from `copilot.app`),
`service` is the panel's customer service on it, `outbox` queues each write, `sync` sends the
queue and `apply` applies it on the server, `cache` copies what the site answers, and `link`
is the connection and its status. Qt-free, like `storage`.
"""
