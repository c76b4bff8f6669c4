"""What the demo organization's people posted: hand-written stories per department, templated lighter
posts, replies and kudos messages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

DAYS = 180


@dataclass(frozen=True)
class Spec:
    kind: str
    title: str
    body: str
    tool: str = ""
    minutes: int = 0
    topics: tuple[str, ...] = ()
    fail: tuple[str, str, str, str] | None = None
    anonymous: bool = False
    answers: tuple[str, ...] = field(default=())
    department: str = ""


_BY_DEPARTMENT: dict[str, list[Spec]] = {
    "Sales": [
        Spec(
            "win",
            "Account research in 10 minutes instead of an hour",
            "Before a discovery call I paste the "
            "prospect's last annual report and ask for **three priorities, two risks and one question** to open "  # noqa: E501
            "with. I check every claim against the source before the call.",
            "ChatGPT",
            50,
            ("research", "discovery"),
        ),
        Spec(
            "tip",
            "Ask for objections before you send the proposal",
            "Paste your proposal and ask: *“You are "
            "the CFO of this company. List the five objections you would raise, strongest first.”* Fix the top "  # noqa: E501
            "two before sending.",
            "Claude",
            0,
            ("proposals", "negotiation"),
        ),
        Spec(
            "question",
            "How do you keep CRM notes short after a call?",
            "My call summaries end up longer than the "
            "call. Does anyone have a prompt that produces a 5-line CRM note with next steps?",
            topics=("crm",),
            answers=(
                "I ask for: *outcome, pain, budget signal, next step with date, owner* — one line each.",
                "Paste the transcript and say “as a CRM note, max 60 words”. The word limit does the work.",
            ),
        ),
        Spec(
            "ai_fail",
            "The assistant invented a customer reference",
            "",
            "ChatGPT",
            topics=("proposals", "accuracy"),
            fail=(
                "Write a proposal section with a customer success story for logistics.",
                "It named a real logistics company as our customer. They are not.",
                "Our reference manager asked who had signed off on the reference.",
                "Never let the model pick references. Paste the approved reference list and say “only these”.",  # noqa: E501
            ),
        ),
        Spec(
            "demo",
            "Demo: from call transcript to follow-up email in one step",
            "Recording from Thursday's "
            "show-and-tell. I use one prompt that writes the follow-up email *and* the CRM note from the same "  # noqa: E501
            "transcript.",
            "Copilot",
            0,
            ("email", "crm"),
        ),
    ],
    "Marketing": [
        Spec(
            "win",
            "Five headline variants for every landing page",
            "I give the model our positioning doc and the "
            "audience, then ask for five headlines with the reasoning behind each. A/B tests now start with better "  # noqa: E501
            "options.",
            "Claude",
            45,
            ("copywriting", "landing pages"),
        ),
        Spec(
            "tip",
            "Give the model your style guide as the first message",
            "Paste the brand voice section first, "
            "then the task. Output needs far fewer edits. Keep the style guide excerpt under 400 words.",
            topics=("brand", "copywriting"),
        ),
        Spec(
            "question",
            "Is it OK to use AI images in social posts?",
            "Do we have a policy on AI-generated images for LinkedIn? I could not find one.",
            topics=("policy", "social media"),
            anonymous=True,
            answers=(
                "Legal published a short guidance page last month: allowed, but no real people and label "
                "them.",
                "We add “Image created with AI” in the alt text and the post.",
            ),
        ),
        Spec(
            "ai_fail",
            "SEO article with confident but outdated statistics",
            "",
            "ChatGPT",
            topics=("seo", "accuracy"),
            fail=(
                "Write a 1,200-word article on email marketing benchmarks.",
                "Every number was from 2019 or invented; two sources did not exist.",
                "A reader replied to the newsletter with the real figures.",
                "Provide the statistics yourself; ask the model to write around them, never to supply them.",
            ),
        ),
    ],
    "Engineering": [
        Spec(
            "win",
            "Test cases for a legacy module in one afternoon",
            "I pasted the module and asked for pytest "
            "cases covering the edge cases it could find. 70% were useful as-is; it found two real bugs.\n\n"
            "```python\ndef test_rounding_half_even():\n    assert price(2.5) == 2\n```",
            "Copilot",
            180,
            ("testing", "python"),
        ),
        Spec(
            "tip",
            "Ask for the diff, not the whole file",
            "When asking for a code change, say *“reply with a "
            "unified diff only”*. Reviews get faster and it stops rewriting code you did not ask about.",
            topics=("code review",),
        ),
        Spec(
            "question",
            "Which model is best at explaining SQL query plans?",
            "I keep pasting EXPLAIN ANALYZE "
            "output. Some answers are great, some invent indexes we do not have. What do you use?",
            topics=("sql", "databases"),
            answers=(
                "Include the schema (\\d table) with the plan; the invented indexes stop.",
                "Claude has been the most careful for me, but the schema matters more than the model.",
            ),
        ),
        Spec(
            "ai_fail",
            "Generated migration dropped a column",
            "",
            "Copilot",
            topics=("databases", "code review"),
            fail=(
                "Write a Django migration that renames a field.",
                "It generated RemoveField + AddField instead of RenameField: data loss on deploy.",
                "CI ran the migration against a copy of production data and a check failed.",
                "Read every generated migration; ask for the operations list and reason about each.",
            ),
        ),
        Spec(
            "demo",
            "Demo: incident timeline from Slack in two minutes",
            "I export the incident channel and ask "
            "for a timeline table: time, event, who, evidence. Postmortems start from facts now.",
            "Claude",
            0,
            ("incident response",),
        ),
    ],
    "Product & Design": [
        Spec(
            "win",
            "Interview synthesis: themes in an hour, not a day",
            "Twelve interview notes, one prompt: "
            "*themes with supporting quotes and the participant id*. I verify each quote against the notes.",
            "Claude",
            300,
            ("research", "synthesis"),
        ),
        Spec(
            "tip",
            "Make the model argue against your spec",
            "Paste the spec and ask for the three strongest "
            "reasons this feature will fail. Cheap pre-mortem.",
            topics=("writing specs",),
        ),
        Spec(
            "question",
            "How do you stop AI summaries losing the minority view?",
            "In research synthesis the "
            "summary always reflects the majority. How do you make sure outliers survive?",
            topics=("research",),
            answers=("Ask explicitly for “views held by only one or two participants”.",),
        ),
        Spec(
            "ai_fail",
            "Persona with a made-up statistic",
            "",
            "ChatGPT",
            topics=("research", "accuracy"),
            fail=(
                "Create a persona for our admin users.",
                "It added “68% of admins work remotely” — no source.",
                "A stakeholder asked where the number came from.",
                "Personas from AI are drafts; strip every number that is not from our research.",
            ),
            anonymous=True,
        ),
    ],
    "Customer Success": [
        Spec(
            "win",
            "Macro replies rewritten for tone in a morning",
            "I rewrote our 40 most-used support macros "
            "to sound warmer while keeping every step. CSAT on those tickets went up slightly.",
            "Claude",
            240,
            ("support", "tone"),
        ),
        Spec(
            "tip",
            "Paste the knowledge-base article, not the product name",
            "Answers about our product are "
            "wrong unless you paste the relevant article. Then ask for the answer *citing the section*.",
            topics=("knowledge base",),
        ),
        Spec(
            "question",
            "Can I paste customer tickets into the assistant?",
            "Some tickets have names and emails. Is it OK to paste them if I remove those first?",
            topics=("privacy", "support"),
            anonymous=True,
            answers=(
                "Yes with the approved tool and after removing personal data — the feed even warns you now.",
                "Use the enterprise workspace; never the free consumer app.",
            ),
        ),
        Spec(
            "ai_fail",
            "Translated reply changed the refund amount",
            "",
            "DeepL",
            topics=("translation", "support"),
            fail=(
                "Translate this reply to German.",
                "€1.500 became €1,500 — then the model ‘fixed’ it to €15.",
                "The customer asked why we offered less.",
                "Check every number in a translated reply.",
            ),
        ),
    ],
    "Finance": [
        Spec(
            "win",
            "Variance commentary drafted in 20 minutes",
            "I paste the variance table and last month's "
            "commentary and ask for a draft in the same style. I edit the why; it writes the what.",
            "Copilot",
            90,
            ("variance analysis", "reporting"),
        ),
        Spec(
            "tip",
            "Ask for the formula and an explanation of each part",
            "For complicated Excel formulas ask: "
            "*formula, then a line per function explaining it*. You learn and can check it.",
            topics=("excel",),
        ),
        Spec(
            "question",
            "How do I get the assistant to stop rounding numbers?",
            "It keeps rounding values from my tables. Any instruction that works reliably?",
            topics=("excel", "accuracy"),
            answers=(
                "Say “copy numbers exactly as given, never round” and ask it to list the numbers it used.",
            ),
        ),
        Spec(
            "ai_fail",
            "Forecast that silently dropped a quarter",
            "",
            "ChatGPT",
            topics=("forecasting",),
            fail=(
                "Project next year's revenue from these 8 quarters.",
                "It used 7 quarters; Q3 was missing.",
                "The trend line looked too smooth.",
                "Ask it to restate the input rows before calculating.",
            ),
            anonymous=True,
        ),
    ],
    "People & HR": [
        Spec(
            "win",
            "Inclusive job descriptions on the first try",
            "I ask for a JD and then a second pass: "
            "*flag gendered or exclusionary wording and suggest alternatives*. Candidates noticed.",
            "Claude",
            60,
            ("job descriptions", "inclusion"),
        ),
        Spec(
            "tip",
            "Interview questions tied to the scorecard",
            "Paste the role scorecard; ask for two behavioural "
            "questions per competency plus what a strong answer contains.",
            topics=("interviewing",),
        ),
        Spec(
            "question",
            "Is AI allowed for screening CVs?",
            "A hiring manager asked if they can paste CVs into an "
            "assistant to shortlist. What is our position?",
            topics=("policy", "recruiting"),
            answers=(
                "No automated screening decisions — see the AI policy, section 4. Summaries for the "
                "recruiter are fine.",
            ),
        ),
    ],
    "Legal & Compliance": [
        Spec(
            "win",
            "First-pass NDA review down to 15 minutes",
            "Our NDA playbook + the counterparty draft: the "
            "model marks every deviation from the playbook with the clause number. I still read the whole thing.",  # noqa: E501
            "Claude",
            45,
            ("contract review", "redlining"),
        ),
        Spec(
            "tip",
            "Always ask for the clause number with every finding",
            "It makes checking fast and exposes hallucinated clauses immediately.",
            topics=("contract review", "accuracy"),
        ),
        Spec(
            "ai_fail",
            "The assistant cited a regulation that does not exist",
            "",
            "ChatGPT",
            topics=("gdpr", "accuracy"),
            fail=(
                "Which GDPR article covers data portability for employees?",
                "It answered with “Article 20a”, which does not exist, with a convincing summary.",
                "I looked it up in the official text.",
                "Legal citations must always be checked at the source.",
            ),
        ),
        Spec(
            "question",
            "Which tools are approved for confidential documents?",
            "I need to summarise a confidential board paper. Which assistant are we allowed to use?",
            topics=("policy",),
            anonymous=True,
            answers=(
                "Only the enterprise workspace; it does not train on our data. The list is on the intranet.",
            ),
        ),
    ],
    "Operations": [
        Spec(
            "win",
            "Vendor comparison table from five proposals",
            "Five PDFs, one table: price, SLA, exit terms, "
            "security certifications. The table still needed checking but the structure was perfect.",
            "Claude",
            120,
            ("vendor management", "procurement"),
        ),
        Spec(
            "tip",
            "Process maps as Mermaid diagrams",
            "Describe the process in bullet points and ask for a "
            "Mermaid flowchart. Paste it into the wiki and it renders.",
            topics=("process mapping",),
        ),
        Spec(
            "question",
            "How do I automate the weekly IT report?",
            "Every Monday I copy numbers from three "
            "dashboards into an email. Can an assistant help, or is this a job for a script?",
            topics=("automation", "reporting"),
            answers=(
                "A script for the numbers, the assistant for the commentary. Happy to pair on it.",
                "Power Automate can pull two of those dashboards already.",
            ),
        ),
        Spec(
            "demo",
            "Demo: a phishing-awareness quiz generated from real (redacted) attempts",
            "We turned last quarter's phishing attempts into a 10-question quiz. Completion doubled.",
            "ChatGPT",
            0,
            ("security awareness",),
        ),
    ],
}
POSTS: list[Spec] = [
    replace(spec, department=dept) for dept, specs in _BY_DEPARTMENT.items() for spec in specs
]
