"""The notification kinds challenges add (registered in ChallengesConfig.ready).

No learning kind: voting for or judging an entry is no transfer of knowledge. When someone reuses an
entry's prompt, the library records that reuse (the entry's prompts are ordinary library prompts)."""

from ripple.core.registry import NotificationKind


class Notice:
    CLOSING = NotificationKind("challenge_closing", "Challenge entries closing soon (your draft is not in)")
    RESULTS = NotificationKind("challenge_results", "Results of challenges you entered")
    TEAM = NotificationKind("challenge_team", "Named on a challenge team")
