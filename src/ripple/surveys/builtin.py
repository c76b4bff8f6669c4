"""The built-in "AI capability and confidence" instrument, in Ripple's own words."""

from __future__ import annotations

from typing import Any

TITLE = "AI capability and confidence"
DESCRIPTION = (
    "A short pulse on skill and confidence with AI at work — including the confidence to question an "
    "AI answer. About three minutes. Answers are anonymous and only shown for groups of at least five."
)
AGREE = ("Strongly disagree", "Strongly agree")

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "skill", "kind": "likert", "scale": 5,
        "text": "How skilled are you at using AI tools for your own work?",
        "low_label": "Just starting", "high_label": "I could teach it",
    },
    {
        "key": "confidence_new", "kind": "likert", "scale": 5,
        "text": "I feel confident trying AI on a task I have not used it for before.",
        "low_label": AGREE[0], "high_label": AGREE[1],
    },
    {
        "key": "confidence_judge", "kind": "likert", "scale": 5,
        "text": "When an AI tool gives me an answer, I feel able to judge whether it is right — and to push back when it is not.",
        "low_label": AGREE[0], "high_label": AGREE[1],
    },
    {
        "key": "check_output", "kind": "likert", "scale": 5,
        "text": "I know how to check an AI output before I rely on it.",
        "low_label": AGREE[0], "high_label": AGREE[1],
    },
    {
        "key": "safe_to_share_fail", "kind": "likert", "scale": 5,
        "text": "I would feel safe telling my colleagues about a time AI let me down.",
        "low_label": AGREE[0], "high_label": AGREE[1],
    },
    {
        "key": "frequency", "kind": "single",
        "text": "How often do you use AI tools for work?",
        "choices": ["Never", "Less than once a month", "A few times a month", "Weekly", "Several times a week", "Daily"],
    },
    {
        "key": "uses", "kind": "multi", "required": False,
        "text": "What do you use AI for? Choose all that apply.",
        "choices": [
            "Writing and editing", "Research and summarising", "Analysing data", "Code, formulas or scripts",
            "Brainstorming ideas", "Meeting notes and follow-ups", "Learning something new", "Other",
        ],
    },
    {
        "key": "help_wanted", "kind": "text", "required": False,
        "text": "What would help you get more out of AI? (Optional — please leave out anything that identifies you.)",
    },
]  # fmt: skip
