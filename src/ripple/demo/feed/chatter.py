"""The lighter side of the demo feed: templated posts per department, replies and kudos messages."""

from __future__ import annotations

import random

# Templated, lighter posts between the hand-written ones, per department: (task, tool, minutes).
TASKS: dict[str, list[tuple[str, str, int]]] = {
    "Sales": [
        ("meeting prep notes", "Copilot", 20),
        ("follow-up emails", "ChatGPT", 15),
        ("territory plan draft", "Claude", 60),
    ],
    "Marketing": [
        ("campaign briefs", "Claude", 40),
        ("social post variants", "ChatGPT", 25),
        ("webinar outlines", "Copilot", 30),
    ],
    "Engineering": [
        ("release notes", "Copilot", 30),
        ("code review comments", "Claude", 20),
        ("runbook updates", "ChatGPT", 45),
    ],
    "Product & Design": [
        ("user story drafts", "Claude", 35),
        ("usability test scripts", "ChatGPT", 40),
        ("UX copy alternatives", "Copilot", 20),
    ],
    "Customer Success": [
        ("onboarding checklists", "Claude", 30),
        ("QBR decks", "Copilot", 60),
        ("ticket summaries", "ChatGPT", 15),
    ],
    "Finance": [
        ("month-end close checklist", "Copilot", 45),
        ("budget narrative", "Claude", 60),
        ("expense policy answers", "ChatGPT", 20),
    ],
    "People & HR": [
        ("onboarding emails", "ChatGPT", 25),
        ("policy FAQs", "Claude", 40),
        ("training outlines", "Copilot", 50),
    ],
    "Legal & Compliance": [
        ("policy summaries", "Claude", 40),
        ("contract clause comparisons", "Claude", 50),
        ("training quiz questions", "ChatGPT", 30),
    ],
    "Operations": [
        ("SOP drafts", "Claude", 60),
        ("vendor emails", "ChatGPT", 15),
        ("spreadsheet formulas", "Copilot", 25),
    ],
}

REPLIES = [
    "Great idea. Do you have the exact prompt? Would love to put it in the library.",
    "We do something similar, but we ask it to list its assumptions first.",
    "How do you check the output? That is always my bottleneck.",
    "Saved this. Going to try it with our team on Monday.",
    "Nice! Which version of the tool were you using?",
    "This deserves a slot at show-and-tell.",
]
REPLIES_BY_KIND = {
    "win": ["Tried this today — it worked for me too. 🙌", "Congrats! How long did the review take?"],
    "tip": ["Tried this today — it worked for me too. 🙌", "Adding this to my checklist."],
    "ai_fail": [
        "Thanks for sharing the fail — I would have fallen for this one.",
        "Blameless post-mortems like this are gold. Thank you.",
    ],
    "question": ["Following — I have the same question.", "Good question, I never dared to ask."],
    "demo": ["Brilliant demo. Is the recording on the wiki?", "Can we use this in our team too?"],
}
# Kudos are built from a reason and a closing, each pair used once, so no two read alike.
KUDOS_REASONS = [
    "Your prompt for meeting notes saves me half an hour every week.",
    "Thanks for pairing with me on my first automation.",
    "Your AI-fail post stopped me from sending a report with invented numbers.",
    "The demo at show-and-tell was brilliant: my whole team uses it now.",
    "Thanks for answering my question so patiently, twice.",
    "You made the whole department braver about trying AI.",
    "The renewal email template got me a reply from a customer who had gone quiet.",
    "Your tip about asking for a rubric first changed how I review summaries.",
    "You spotted the hallucinated clause in my contract summary before it went out.",
    "Thank you for turning my messy spreadsheet question into a formula that works.",
    "The onboarding checklist you shared made my first week so much easier.",
    "You rewrote my prompt in five minutes and it finally does what I meant.",
    "Your walkthrough of the incident postmortem prompt was exactly what we needed.",
    "Thanks for reviewing my translation prompt with a native speaker's eye.",
    "The way you documented how to check the output is now our team standard.",
    "You stayed late to help me get the forecast narrative right.",
    "Your forked version of the job-post prompt removed all the jargon.",
    "Thanks for showing me how to keep customer names out of my prompts.",
    "The interview question set you built helped us hire faster and fairer.",
    "Your release-notes prompt saved our product team a whole afternoon.",
    "Thank you for explaining tokens and context windows without making me feel silly.",
    "You answered the VLOOKUP question I was too shy to ask out loud.",
    "The slide outline prompt got my board deck started in ten minutes.",
    "Thanks for sharing your failed experiment; it saved me from repeating it.",
]
KUDOS_CLOSINGS = [
    "Thank you!", "Huge thanks.", "You're a star.", "Drinks on me next time.", "Much appreciated.",
    "I owe you one.", "This made my week.", "",
]  # fmt: skip


def kudos_messages(rng: random.Random, count: int) -> list[str]:
    """`count` kudos messages, no two alike: each reason comes back only with another closing."""
    reasons = rng.sample(KUDOS_REASONS, len(KUDOS_REASONS))
    closings = rng.sample(KUDOS_CLOSINGS, len(KUDOS_CLOSINGS))
    r, c = len(reasons), len(closings)
    return [f"{reasons[i % r]} {closings[(i + i // r) % c]}".strip() for i in range(min(count, r * c))]
