"""Tone signals for the customer's message and the agent's draft, from data in resources/tone/.

Data files (all TOML except the lexicons):

- `customer.toml`, `agent.toml`: `[tone]` settings, `[signal.<kind>]` with a `severity`
  (must | should | tip: how the panel ranks it), a `message` and a `suggestion` in `en` and
  `id`, and `[[rule]]` tables: `kind`, `triggers = { en = [...], id = [...] }` in the
  hint-pack trigger syntax (plus `<num>` for any number), optional `weight` (added to the
  customer's negativity score), `negatable` (no hit when a negation sits just before the
  phrase), `exclude` (phrases that suppress the rule), `suggestion`, and (draft rules only)
  `rewrite`: the words that replace the matched phrase when the agent presses Apply.
- `politeness.toml`: `[[marker]]` tables with `weight`, `triggers` and optional
  `at = "start" | "inside"` (sentence position).
- `lexicon_id.tsv` (written for Copilot) and `vader_lexicon.txt` (MIT): word valence -4..+4.
"""

from __future__ import annotations

from copilot.context.tone.data import Signal, ToneDataError
from copilot.context.tone.load import load_tone
from copilot.context.tone.model import ToneModel

__all__ = [
    "Signal",
    "ToneDataError",
    "ToneModel",
    "load_tone",
]
