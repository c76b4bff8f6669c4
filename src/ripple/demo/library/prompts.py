"""The prompts each department of the demo organization wrote, the collections curated from them,
and what people noted when they reused one."""

from __future__ import annotations

from dataclasses import dataclass, field

DAYS = 180


@dataclass
class DemoPrompt:
    department: str
    title: str
    purpose: str
    body: str
    tools: list[str]
    tags: list[str]
    check: str = ""
    examples: list[dict[str, str]] = field(default_factory=list)
    popularity: float = 1.0  # relative chance of being reused
    revision: tuple[str, str] | None = None  # (text appended to the body, version note)


PROMPTS: list[DemoPrompt] = [
    DemoPrompt(
        "Sales",
        "Discovery call prep in ten minutes",
        "Walk into a first call knowing the account's likely priorities and three sharp questions.",
        "You are helping me prepare a discovery call with {{company}}, a {{industry}} company of about "
        "{{employees:500}} people.\nFrom the notes below, list:\n1. Their three most likely priorities this "
        "year, each with the evidence.\n2. Five open questions I should ask, from broad to specific.\n"
        "3. One risk that could stall a deal.\nKeep it under 250 words. Notes:\n{{notes}}",
        ["ChatGPT", "Microsoft Copilot"],
        ["discovery", "call prep", "accounts"],
        "Check every 'evidence' line against the notes or the company's site — the model invents plausible "
        "initiatives. Never quote revenue figures it gives you without a source.",
        [
            {
                "input": "Notes: Northwind, logistics, 1,200 staff, new COO, missed Q2 delivery targets.",
                "output": "Priorities: 1) On-time delivery (missed Q2 targets)…",
                "changes": "Cut question 5; it repeated question 2.",
            }
        ],
        popularity=3.0,
        revision=("\nEnd with a one-line opener I can say in the first minute.", "Adds a call opener"),
    ),
    DemoPrompt(
        "Sales",
        "Follow-up email after a demo",
        "A follow-up that recaps what the buyer cared about, not what we showed.",
        "Write a follow-up email to {{contact}} at {{company}} after today's demo.\nWhat they reacted to: "
        "{{highlights}}\nOpen concerns: {{concerns}}\nNext step I want: {{next_step:a 30-minute technical "
        "call}}\nTone: {{tone:warm|crisp|formal}}. Under 150 words, no bullet lists, one clear ask.",
        ["ChatGPT", "Claude"],
        ["email", "follow-up"],
        "Make sure it promises nothing the product does not do today, and that names and dates are right.",
        popularity=2.5,
    ),
    DemoPrompt(
        "Sales",
        "Objection handling role-play",
        "Practise answers to tough objections before a negotiation.",
        "Act as a skeptical {{role:CFO|procurement lead|IT director}} at a {{industry}} company evaluating "
        "our product. Raise one objection at a time about {{topic:price}}. After each answer, score it "
        "1–5 for clarity and empathy and tell me what a stronger answer would add. Stop after five rounds.",
        ["ChatGPT", "Claude", "Gemini"],
        ["negotiation", "practice"],
        popularity=1.2,
    ),
    DemoPrompt(
        "Marketing",
        "Blog post outline from a customer story",
        "Turn a customer interview into a structured, quotable blog outline.",
        "Here is a transcript of an interview with {{customer}}.\nDraft an outline for a 900-word blog post "
        "for {{audience:operations leaders}}: a headline (three options), the problem in their words, what "
        "they tried before, what changed, and three pull quotes copied exactly from the transcript.\n"
        "Transcript:\n{{transcript}}",
        ["ChatGPT", "Claude"],
        ["content", "customer stories"],
        "Quotes must appear word for word in the transcript — search for each one. Get the customer's "
        "approval before publishing any number.",
        popularity=1.8,
    ),
    DemoPrompt(
        "Marketing",
        "Five subject lines, A/B ready",
        "Subject lines that differ in one thing, so a test teaches you something.",
        "Write five email subject lines for {{campaign}} aimed at {{audience}}. Vary exactly one factor "
        "across them ({{factor:length|curiosity|personalisation|urgency}}) and label which variant tests "
        "what. Max {{max_chars:50}} characters each. No emojis, no ALL CAPS.",
        ["Any"],
        ["email", "A/B testing", "campaigns"],
        "Count the characters; models miscount. Run the lines past the brand voice checklist.",
        popularity=2.0,
    ),
    DemoPrompt(
        "Marketing",
        "Social post from a release note",
        "Turn a dry release note into a LinkedIn post people finish reading.",
        "Rewrite this release note as a LinkedIn post for {{audience:our customers}}. Lead with the problem "
        "it solves, one concrete example, and end with a question. Under 120 words.\n\n{{release_note}}",
        ["ChatGPT", "Microsoft Copilot"],
        ["social", "launches"],
        popularity=1.0,
    ),
    DemoPrompt(
        "Legal & Compliance",
        "First-pass NDA review",
        "Flag the clauses in an incoming NDA that differ from our standard position.",
        "You are assisting in-house counsel. Compare the NDA below with our standard positions:\n- Term: "
        "{{term:2 years}}\n- Governing law: {{law:England and Wales}}\n- No non-solicit clauses\n- Mutual "
        "obligations only\nList each clause that deviates, quote it, explain the risk in one sentence, and "
        "propose replacement wording. Say 'no deviations found' if there are none.\n\nNDA:\n{{nda_text}}",
        ["Claude", "Microsoft Copilot"],
        ["contracts", "NDA", "redlining"],
        "This is a first pass, not legal advice: a lawyer reads every flagged clause and skims the rest. "
        "Check that quoted text really is in the document.",
        [
            {
                "input": "Mutual NDA from a supplier, 5-year term, New York law.",
                "output": "Deviation 1 — Term (clause 7): '…five (5) years…' Risk: longer than our standard…",
                "changes": "Kept the proposed wording for clause 7 only.",
            }
        ],
        popularity=2.2,
        revision=(
            "\nFinish with a table: clause, deviation, risk (low/medium/high).",
            "Adds a summary table",
        ),
    ),
    DemoPrompt(
        "Legal & Compliance",
        "Plain-English policy summary",
        "Explain a policy to employees without losing what they must actually do.",
        "Summarise the policy below for {{audience:all employees}} in plain English. Start with 'What you "
        "need to do' as 3–5 bullets, then 'Why it matters' in two sentences. Reading age about 12. Do not "
        "add obligations that are not in the text.\n\n{{policy}}",
        ["Any"],
        ["policy", "plain English", "GDPR"],
        "Compare every bullet with the policy; the summary must not soften a 'must' into a 'should'.",
        popularity=1.5,
    ),
    DemoPrompt(
        "Finance",
        "Variance commentary for the monthly pack",
        "Draft the 'why' behind budget-vs-actual variances for the management pack.",
        "Here is our budget vs actual for {{month}} by cost centre (CSV below). Write commentary for every "
        "line where the variance is above {{threshold:10}}% or {{abs_threshold:£20k}}. For each: the "
        "variance, the most likely driver from the notes, and whether it is timing or permanent. Flag "
        "anything you cannot explain instead of guessing.\n\nData:\n{{csv}}\n\nNotes from budget holders:\n"
        "{{notes}}",
        ["Microsoft Copilot", "ChatGPT"],
        ["month-end close", "variance analysis", "reporting"],
        "Recalculate two variances by hand. Any driver not in the notes must be confirmed with the budget "
        "holder before it goes in the pack.",
        popularity=2.6,
        revision=("\nGroup the commentary by department.", "Grouped by department for the pack"),
    ),
    DemoPrompt(
        "Finance",
        "Excel formula explainer",
        "Understand (and fix) the formula someone else left in a workbook.",
        "Explain this Excel formula step by step for someone who knows VLOOKUP but not LAMBDA or LET:\n"
        "{{formula}}\nThen suggest a simpler equivalent if one exists, and list inputs that would make it "
        "return an error.",
        ["Microsoft Copilot", "ChatGPT", "Gemini"],
        ["Excel", "formulas"],
        "Test the simpler version on a copy of the sheet with the edge cases it lists.",
        popularity=2.0,
    ),
    DemoPrompt(
        "Finance",
        "Supplier invoice query email",
        "A polite, precise email when an invoice does not match the PO.",
        "Write an email to {{supplier}} about invoice {{invoice_no}}. It does not match PO {{po_no}}: "
        "{{mismatch}}. Ask for a credit note or corrected invoice by {{date}}. Courteous, factual, under "
        "100 words.",
        ["Any"],
        ["accounts payable", "email"],
        popularity=0.8,
    ),
    DemoPrompt(
        "People & HR",
        "Inclusive job description rewrite",
        "Rewrite a job ad so more qualified people apply.",
        "Rewrite this job description for a {{role}}. Separate must-haves (max 5) from nice-to-haves, remove "
        "gendered or exclusionary wording, replace jargon, and state the salary range {{salary_range}}. Keep "
        "our tone: {{tone:friendly and direct|formal}}.\n\n{{job_description}}",
        ["ChatGPT", "Claude"],
        ["recruiting", "job descriptions", "inclusion"],
        "Have the hiring manager confirm the must-haves; the model sometimes drops a real requirement.",
        popularity=1.7,
    ),
    DemoPrompt(
        "People & HR",
        "Structured interview questions",
        "Competency-based questions with what a good answer sounds like.",
        "Create {{count:6}} structured interview questions for a {{role}} assessing {{competencies}}. For "
        "each give: the question, two follow-ups, and what a strong, average and weak answer include.",
        ["Any"],
        ["interviewing", "recruiting"],
        "",
        popularity=1.4,
    ),
    DemoPrompt(
        "People & HR",
        "New manager 1:1 agenda",
        "A first 1:1 agenda for a manager meeting a new report.",
        "I am a new manager meeting {{name}}, a {{role}}, for our first 1:1. Draft a 30-minute agenda with "
        "questions about how they like to work, what they need from me, and their goals for the next "
        "{{horizon:3 months}}. Keep it human, not an interrogation.",
        ["ChatGPT", "Microsoft Copilot"],
        ["management", "1:1s"],
        popularity=1.3,
    ),
    DemoPrompt(
        "Engineering",
        "Code review second opinion",
        "Catch what a tired reviewer misses before requesting human review.",
        "Review this {{language:Python|TypeScript|SQL}} diff as a senior engineer. Report, in order of "
        "severity: correctness bugs, security issues, missing tests, and readability. Quote the line for "
        "each finding. Do not restate what the code does.\n\n{{diff}}",
        ["Claude", "ChatGPT"],
        ["code review", "Python", "testing"],
        "Reproduce every 'bug' with a failing test before changing code; about one in five findings is "
        "wrong. Never paste secrets or customer data into the diff.",
        popularity=2.8,
        revision=("\nIf the diff is over 400 lines, say which files to review first.", "Handles big diffs"),
    ),
    DemoPrompt(
        "Engineering",
        "Incident postmortem draft",
        "Turn the incident channel into a blameless postmortem draft.",
        "From the incident timeline below, draft a blameless postmortem: summary, customer impact, timeline "
        "(UTC), root cause, what went well, what went badly, and action items with owners left blank. "
        "Mark anything uncertain with [VERIFY].\n\n{{timeline}}",
        ["Claude", "ChatGPT"],
        ["incident response", "postmortems"],
        "Check the timeline against monitoring; the model merges events that are minutes apart.",
        popularity=1.6,
    ),
    DemoPrompt(
        "Engineering",
        "SQL query explainer",
        "Understand a slow or unfamiliar query before touching it.",
        "Explain what this SQL query returns, in plain English, then point out anything likely to be slow "
        "on a table of {{rows:10 million}} rows and suggest indexes.\n\n{{query}}",
        ["Any"],
        ["SQL", "performance"],
        "Run EXPLAIN ANALYZE before and after; index suggestions are guesses until measured.",
        popularity=1.9,
    ),
    DemoPrompt(
        "Customer Success",
        "Empathetic reply to an angry ticket",
        "De-escalate without over-promising.",
        "Draft a reply to this support ticket. Acknowledge the frustration in one sentence, explain what "
        "happened in plain words, state exactly what we will do and by when ({{commitment}}), and offer "
        "{{goodwill:nothing extra|a call with a specialist|a one-month credit}}. No corporate clichés.\n\n"
        "Ticket:\n{{ticket}}",
        ["ChatGPT", "Microsoft Copilot"],
        ["support", "tickets", "escalations"],
        "Confirm the commitment with the team that owns it before sending. Remove any apology that admits "
        "liability — check with Legal if unsure.",
        popularity=3.2,
    ),
    DemoPrompt(
        "Customer Success",
        "Help-centre article from resolved tickets",
        "Turn the same question answered ten times into one article.",
        "Here are {{n:5}} resolved tickets about one issue. Write a help-centre article: a title phrased "
        "as the customer's question, a two-line answer, then numbered steps, then 'Still stuck?'. Use the "
        "customer's words, not our internal names.\n\n{{tickets}}",
        ["Claude", "ChatGPT"],
        ["knowledge base", "support"],
        "Follow the steps yourself in the product before publishing.",
        popularity=1.5,
    ),
    DemoPrompt(
        "Product & Design",
        "Interview synthesis into themes",
        "Find the themes across user interviews — with the quotes to prove them.",
        "Here are notes from {{count}} user interviews about {{topic}}. Group the findings into at most five "
        "themes. For each theme: a one-line insight, how many interviews mention it, and two verbatim "
        "quotes. List surprises separately.\n\n{{notes}}",
        ["Claude", "ChatGPT"],
        ["user research", "synthesis"],
        "Count mentions yourself for the top two themes; models overcount. Quotes must be verbatim.",
        popularity=1.7,
    ),
    DemoPrompt(
        "Product & Design",
        "One-page spec from a problem statement",
        "Get a first draft spec the team can argue with.",
        "Draft a one-page product spec for: {{problem}}\nSections: problem, who has it, evidence, goals and "
        "non-goals, proposed solution, open questions, success metric. Keep assumptions explicit and "
        "flag them with (assumption).",
        ["Any"],
        ["writing specs", "roadmapping"],
        popularity=1.1,
    ),
    DemoPrompt(
        "Operations",
        "Vendor comparison table",
        "Compare shortlisted vendors on the criteria that matter to us.",
        "Compare these vendors for {{purchase}}: {{vendors}}. Build a table with price model, contract "
        "length, security certifications, integration with {{systems:Microsoft 365}}, and support hours. "
        "Write 'unknown' where the material below does not say — do not fill gaps from memory.\n\n"
        "{{material}}",
        ["Microsoft Copilot", "ChatGPT"],
        ["procurement", "vendor management"],
        "Every cell must trace back to the vendor's material; 'unknown' is a good answer.",
        popularity=1.4,
    ),
    DemoPrompt(
        "Operations",
        "Process map from a messy description",
        "Turn 'how we do it' into numbered steps with owners and hand-offs.",
        "Turn this description of how we {{process}} into a numbered process with owner, input, output and "
        "hand-off for each step. List the steps where work waits, and suggest one automation.\n\n"
        "{{description}}",
        ["Any"],
        ["process mapping", "automation"],
        popularity=1.2,
    ),
]

# (source title, forker department, new title, edit appended to the body)
FORKS: list[tuple[str, str, str, str]] = [
    ("Discovery call prep in ten minutes", "Customer Success", "Renewal call prep",
     "\nFocus on adoption risks and expansion signals instead of new-logo priorities."),
    ("First-pass NDA review", "Operations", "Supplier contract first pass (procurement)",
     "\nAlso flag auto-renewal, price-increase and termination-for-convenience clauses."),
    ("Supplier contract first pass (procurement)", "Finance", "Payment terms check in supplier contracts",
     "\nOnly look at payment terms, late-payment interest and invoicing requirements."),
    ("Code review second opinion", "Engineering", "Test gap finder",
     "\nOnly report missing tests; propose test names and the cases they cover."),
    ("Blog post outline from a customer story", "People & HR", "Employee story for the careers page",
     "\nWrite for candidates, and ask for consent before naming the employee."),
    ("Empathetic reply to an angry ticket", "Sales", "Reply to an unhappy key account",
     "\nCopy the account executive and propose a call within two working days."),
    ("Variance commentary for the monthly pack", "Operations", "IT spend variance commentary",
     "\nSeparate licences, cloud and hardware."),
    ("Plain-English policy summary", "People & HR", "Plain-English benefits explainer",
     "\nAdd one worked example with realistic numbers."),
]  # fmt: skip

COLLECTIONS: list[tuple[str, str, str, list[str]]] = [
    ("Sales", "Sales starter pack", "The five prompts every new AE uses in their first month.",
     ["Discovery call prep in ten minutes", "Follow-up email after a demo", "Objection handling role-play",
      "Reply to an unhappy key account", "Five subject lines, A/B ready"]),
    ("Finance", "Month-end close kit", "Faster commentary and fewer formula mysteries at close.",
     ["Variance commentary for the monthly pack", "Excel formula explainer", "Supplier invoice query email",
      "IT spend variance commentary"]),
    ("People & HR", "New manager toolkit", "For your first 90 days leading a team.",
     ["New manager 1:1 agenda", "Structured interview questions", "Inclusive job description rewrite",
      "Plain-English policy summary"]),
    ("Engineering", "Review and incident helpers", "Second opinions for code, queries and incidents.",
     ["Code review second opinion", "Test gap finder", "SQL query explainer", "Incident postmortem draft"]),
]  # fmt: skip

REUSE_NOTES = [
    "Used it for a customer call this morning",
    "Saved me the first draft",
    "Worked well after I added more context",
    "Shared it with my team",
    "Good starting point",
    "Needed a second pass but still faster",
    "",
    "",
]
