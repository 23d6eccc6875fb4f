"""Customer memory: models, the encrypted database, and the services over them; no Qt."""
