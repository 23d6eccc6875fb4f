"""Context engine: hint packs, tone signals, PII detection; pure Python, no Qt."""
