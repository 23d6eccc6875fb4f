"""The compiled tone rules: customer and draft signals, negativity and politeness per keystroke."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from copilot.context.matching import Hit, Matcher, MatcherBuilder, TriggerSyntaxError
from copilot.context.packs import Localized
from copilot.context.text import Tokens
from copilot.context.tone.data import EMPATHY, Signal, ToneData, ToneDataError, ToneRule
from copilot.context.tone.lexicon import negated
from copilot.context.tone.load import load_tone
from copilot.context.tone.shouting import has_emphatic_run, sentence_case, shouting_span
from copilot.vocabulary import AGENT_SIGNAL_KINDS, CUSTOMER_SIGNAL_KINDS

# Customer signals that mean "this person is upset": the draft should acknowledge them.
UPSET_KINDS = frozenset({"frustration", "repeat_contact", "churn_risk", "vulnerability", "abusive"})
# Builds a named tuple without its Python-level constructor (half the cost, same object).
_new = tuple.__new__
_SENTENCE_END_RE = re.compile(r"[.!?\n]")


class _Candidate(NamedTuple):
    """A rule hit before deduplication (a tuple: a few dozen are made per keystroke)."""

    kind: str
    weight: float
    start: int
    end: int
    suggestion: Localized | None
    rewrite: Localized | None


def _strongest(candidates: Iterable[_Candidate]) -> tuple[dict[str, _Candidate], list[str]]:
    """One candidate per kind: the highest weight, then the earliest (dedup per kind).

    Kinds are in the order of their first candidate. Also returns the kinds that have a
    positive-weight candidate, in the order of their first such candidate: for those kinds the
    strongest candidate is positive, so this is the dedup of the positive candidates alone,
    without a second pass.
    """
    best: dict[str, _Candidate] = {}
    positive: dict[str, None] = {}
    for candidate in candidates:
        kind, weight, start = candidate[0], candidate[1], candidate[2]
        current = best.get(kind)
        if current is None or weight > current[1] or (weight == current[1] and start < current[2]):
            best[kind] = candidate
        if weight > 0 and kind not in positive:
            positive[kind] = None
    return best, list(positive)


def _every_span(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Every candidate that does not overlap an earlier (or longer) one of its kind.

    A draft can make the same mistake twice ("L2 ... L3"): each occurrence is its own
    reminder with its own span and rewrite. Two triggers of one kind on the same words
    ("send your OTP" matches two phrasings) are one reminder: the earliest, then the longest.
    """
    kept: list[_Candidate] = []
    last_end: dict[str, int] = {}
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if candidate.start < last_end.get(candidate.kind, -1):
            continue
        kept.append(candidate)
        last_end[candidate.kind] = candidate.end
    return kept


def _add_rules(
    builder: MatcherBuilder,
    rules: Sequence[tuple[ToneRule, tuple[str, ...], tuple[str, ...]]],
    source: str,
    group: int = 1,
) -> None:
    for index, (_rule, triggers, exclude) in enumerate(rules):
        for phrase in triggers:
            try:
                builder.add(phrase, ("rule", index), allow_classes=True, group=group)
            except TriggerSyntaxError as exc:
                raise ToneDataError(f"{source}: rule #{index + 1}: {exc}") from exc
        for phrase in exclude:
            try:
                builder.add(phrase, ("exclude", index), allow_classes=True, group=group)
            except TriggerSyntaxError as exc:
                raise ToneDataError(f"{source}: rule #{index + 1} exclude: {exc}") from exc


def _compile_rules(
    rules: Sequence[tuple[ToneRule, tuple[str, ...], tuple[str, ...]]], source: str
) -> Matcher:
    builder = MatcherBuilder()
    _add_rules(builder, rules, source)
    return builder.build()


class ToneModel:
    """Compiled tone rules, lexicon and politeness markers; built once, used per keystroke."""

    def __init__(self, data: ToneData) -> None:
        self.data = data
        self._customer = _compile_rules(data.customer_rules, "customer.toml")
        self._agent = _compile_rules(data.agent_rules, "agent.toml")
        builder = MatcherBuilder()
        for index, (_marker, triggers) in enumerate(data.markers):
            for phrase in triggers:
                try:
                    builder.add(phrase, index, allow_classes=True)
                except TriggerSyntaxError as exc:
                    raise ToneDataError(f"politeness.toml: marker #{index + 1}: {exc}") from exc
        self._markers = builder.build()

    @classmethod
    def from_directory(cls, directory: Path) -> ToneModel:
        return cls(load_tone(directory))

    def clear_caches(self) -> None:
        for matcher in (self._customer, self._agent, self._markers):
            matcher.clear_cache()

    def add_rules(self, builder: MatcherBuilder, role: str, group: int) -> None:
        """Add the customer or agent rules to another matcher, under their usual keys
        ("rule"/"exclude", rule index): a caller that also matches other triggers (the
        engine's hints) then finds everything in one pass and passes the hits back in."""
        if role == "customer":
            _add_rules(builder, self.data.customer_rules, "customer.toml", group)
        else:
            _add_rules(builder, self.data.agent_rules, "agent.toml", group)

    # --- rule hits -----------------------------------------------------------------------

    def _candidates(
        self,
        tokens: Tokens,
        matcher: Matcher,
        rules: Sequence[tuple[ToneRule, tuple[str, ...], tuple[str, ...]]],
        hits: Sequence[Hit] | None = None,
    ) -> list[_Candidate]:
        """Rule hits as candidates. `hits` may hold other callers' hits too (other tags)."""
        if hits is None:
            hits = matcher.find(tokens.words)
        if not hits:
            return []
        excluded = {key[1] for key, _positions in hits if key[0] == "exclude"}
        out: list[_Candidate] = []
        starts, ends = tokens.starts, tokens.ends
        for (tag, index), positions in hits:
            if tag != "rule" or index in excluded:
                continue
            rule = rules[index][0]
            if rule.negatable and negated(tokens, positions[0]):
                continue
            out.append(
                _new(
                    _Candidate,
                    (
                        rule.kind,
                        rule.weight,
                        starts[positions[0]],
                        ends[positions[-1]],
                        rule.suggestion,
                        rule.rewrite,
                    ),
                )
            )
        return out

    def _signal(self, candidate: _Candidate, language: str) -> Signal:
        text = self.data.texts[candidate.kind]
        chosen = candidate.suggestion or text.suggestion
        return Signal(
            candidate.kind,
            text.message.get(language),
            candidate.start,
            candidate.end,
            chosen.get(language),
            text.severity,
            candidate.rewrite.get(language) if candidate.rewrite is not None else None,
        )

    # --- customer ------------------------------------------------------------------------

    def negativity(self, tokens: Tokens) -> tuple[float, _Candidate | None]:
        """The customer's negativity score and the span that contributes most to it.

        Score = weights of complaint cues found (unmet expectations, time elapsed, repeat
        contact, escalation, abuse, ...) minus the lexicon valence of the words (so positive
        words offset negative ones; negation flips). Frustration fires at `threshold`.
        """
        candidates = self._candidates(tokens, self._customer, self.data.customer_rules)
        strongest, positive = _strongest(candidates)
        return self._negativity(tokens, strongest, positive)

    def _negativity(
        self, tokens: Tokens, strongest: Mapping[str, _Candidate], positive: Sequence[str]
    ) -> tuple[float, _Candidate | None]:
        valence, contributions = self.data.lexicon.score(tokens)
        score = -valence
        best: _Candidate | None = None
        # "???" and "!!!" in a customer's message read as exasperation.
        if self.data.emphasis_weight and has_emphatic_run(tokens.text):
            score += self.data.emphasis_weight
        # Count each cue kind once (its strongest hit): three ways of saying "still not
        # arrived" are one complaint, not three.
        for kind in positive:
            candidate = strongest[kind]
            score += candidate.weight
            if best is None or candidate.weight > best.weight:
                best = candidate
        worst = min(contributions, key=lambda c: c[2], default=None)
        if worst is not None and worst[2] < 0 and (best is None or -worst[2] > best.weight):
            best = _Candidate(
                "frustration", -worst[2], tokens.starts[worst[0]], tokens.ends[worst[1]], None, None
            )
        return score, best

    def customer_signals(
        self,
        tokens: Tokens,
        language: str,
        *,
        contacts_7d: int = 0,
        hits: Sequence[Hit] | None = None,
    ) -> tuple[list[Signal], float]:
        """Customer signals and negativity score; `hits` are the customer rules' hits on
        `tokens` if the caller already has them (see `add_rules`)."""
        candidates = self._candidates(tokens, self._customer, self.data.customer_rules, hits)
        best, positive = _strongest(candidates)
        score, strongest = self._negativity(tokens, best, positive)
        frustration = best.pop("frustration", None)
        if score >= self.data.threshold and strongest is not None:
            chosen = frustration or strongest
            best["frustration"] = _Candidate(
                "frustration", score, chosen.start, chosen.end, None, None
            )
        signals = [self._signal(c, language) for c in best.values()]
        if contacts_7d >= 2 and "repeat_contact" not in best:
            signals.append(self._history_signal(contacts_7d, language))
        signals.sort(key=lambda s: (CUSTOMER_SIGNAL_KINDS.index(s.kind), s.start))
        return signals, score

    def _history_signal(self, contacts_7d: int, language: str) -> Signal:
        text = self.data.texts["repeat_contact"]
        nth = contacts_7d + 1
        message = (
            f"Kontak ke-{nth} dalam 7 hari: akui itu dan jangan minta pelanggan mengulang cerita."
            if language == "id"
            else f"Contact number {nth} in 7 days: acknowledge it, don't make them repeat it."
        )
        return Signal("repeat_contact", message, 0, 0, text.suggestion.get(language), text.severity)

    def is_upset(self, tokens: Tokens) -> bool:
        signals, _score = self.customer_signals(tokens, "en")
        return any(s.kind in UPSET_KINDS for s in signals)

    # --- agent ---------------------------------------------------------------------------

    def agent_signals(
        self,
        tokens: Tokens,
        language: str,
        *,
        customer: Tokens | None = None,
        customer_upset: bool | None = None,
        hits: Sequence[Hit] | None = None,
    ) -> list[Signal]:
        """Draft signals. missing_empathy needs an upset customer: `customer_upset` if the
        caller knows it already, else `is_upset(customer)`. `hits`: see `customer_signals`."""
        candidates = self._candidates(tokens, self._agent, self.data.agent_rules, hits)
        empathic = any(c.kind == EMPATHY for c in candidates)
        signals = [self._signal(c, language) for c in _every_span(candidates) if c.kind != EMPATHY]
        text = tokens.text
        shouting = shouting_span(text)
        if shouting is not None:
            before = text[: shouting[0]].rstrip(" \t")
            calm = sentence_case(
                text[shouting[0] : shouting[1]], capital=not before or before[-1] in ".!?\n"
            )
            signals.append(self._text_signal("shouting", shouting, language, rewrite=calm))
        if len(tokens.words) > self.data.max_words or len(text) > self.data.max_chars:
            signals.append(self._text_signal("too_long", (0, len(text)), language))
        if customer_upset is None and customer is not None and not empathic and text.strip():
            customer_upset = self.is_upset(customer)
        if customer_upset and not empathic and text.strip():
            first = _SENTENCE_END_RE.search(text)
            end = first.end() if first else len(text)
            signals.append(self._text_signal("missing_empathy", (0, end), language))
        signals.sort(key=lambda s: (AGENT_SIGNAL_KINDS.index(s.kind), s.start))
        return signals

    def _text_signal(
        self, kind: str, span: tuple[int, int], language: str, *, rewrite: str | None = None
    ) -> Signal:
        text = self.data.texts[kind]
        return Signal(
            kind,
            text.message.get(language),
            span[0],
            span[1],
            text.suggestion.get(language),
            text.severity,
            rewrite,
        )

    def politeness(self, tokens: Tokens) -> float:
        """Agent politeness: markers (gratitude, hedges, apologies, indirect requests ...)
        minus impoliteness (direct questions, commands, factuality) minus one point per
        draft signal, plus a little lexicon valence. Higher is more polite."""
        score = 0.0
        hits = self._markers.find(tokens.words)
        if hits:
            starts = _sentence_starts(tokens)
            seen: set[tuple[object, int]] = set()
            for hit in hits:
                marker = self.data.markers[hit.key][0]
                first = hit.positions[0]
                at_start = first in starts
                if (marker.at == "start" and not at_start) or (marker.at == "inside" and at_start):
                    continue
                if (hit.key, first) in seen:
                    continue
                seen.add((hit.key, first))
                score += marker.weight
        # One point per kind of problem: a second "L2" makes the draft no ruder than the first.
        penalties = {
            s.kind for s in self.agent_signals(tokens, "en") if s.kind not in ("too_long", "jargon")
        }
        score -= len(penalties)
        valence, _ = self.data.lexicon.score(tokens)
        return score + 0.1 * valence


def _sentence_starts(tokens: Tokens) -> set[int]:
    """Indices of words that start a sentence (the first word, or after . ! ? or a newline)."""
    starts = {0}
    text = tokens.text
    firsts, lasts = tokens.starts, tokens.ends
    for index in range(1, len(firsts)):
        gap = text[lasts[index - 1] : firsts[index]]
        if _SENTENCE_END_RE.search(gap):
            starts.add(index)
    return starts
