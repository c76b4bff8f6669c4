"""The lighter side of the demo feed: templated posts per department, replies and kudos messages."""

from __future__ import annotations

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
KUDOS = [
    "Your prompt for meeting notes saves me half an hour every week. Thank you!",
    "Thanks for pairing with me on my first automation.",
    "Your AI-fail post stopped me from making the same mistake.",
    "The demo at show-and-tell was brilliant — my whole team uses it now.",
    "Thanks for answering my question so patiently.",
    "You made the whole department braver about trying AI.",
]
