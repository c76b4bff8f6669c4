"""The demo organization's people: departments, teams, titles, managers, time zones."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from ripple.people.models import Department, Role, Team, User

DEMO_PASSWORD = "ripple-demo-2026"
ADMIN_EMAIL = "admin@example.org"
MEMBER_EMAIL = "member@example.org"

# department -> (teams, titles, skills)
STRUCTURE: dict[str, tuple[list[str], list[str], list[str]]] = {
    "Sales": (
        ["Enterprise Sales", "Mid-Market Sales", "Sales Operations"],
        ["Account Executive", "Sales Development Rep", "Sales Engineer", "Sales Ops Analyst"],
        ["discovery calls", "proposal writing", "CRM hygiene", "negotiation", "account research"],
    ),
    "Marketing": (
        ["Brand & Content", "Growth", "Product Marketing"],
        ["Content Marketer", "Growth Marketer", "Product Marketing Manager", "Brand Designer"],
        ["copywriting", "SEO", "campaign analytics", "positioning", "social media"],
    ),
    "Engineering": (
        ["Platform", "Product Engineering", "Data Engineering", "Quality"],
        ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "QA Engineer", "SRE"],
        ["Python", "code review", "testing", "SQL", "incident response", "TypeScript"],
    ),
    "Product & Design": (
        ["Product Management", "Design", "User Research"],
        ["Product Manager", "Product Designer", "UX Researcher", "Content Designer"],
        ["user interviews", "roadmapping", "prototyping", "synthesis", "writing specs"],
    ),
    "Customer Success": (
        ["Support", "Onboarding", "Customer Education"],
        ["Support Specialist", "Customer Success Manager", "Onboarding Specialist", "Support Lead"],
        ["ticket triage", "knowledge base", "customer empathy", "escalations", "training"],
    ),
    "Finance": (
        ["FP&A", "Accounting"],
        ["Financial Analyst", "Accountant", "Controller", "FP&A Manager"],
        ["Excel", "forecasting", "month-end close", "variance analysis", "reporting"],
    ),
    "People & HR": (
        ["Talent Acquisition", "People Operations"],
        ["Recruiter", "People Partner", "People Ops Specialist", "L&D Manager"],
        ["interviewing", "job descriptions", "onboarding", "policy writing", "coaching"],
    ),
    "Legal & Compliance": (
        ["Commercial Legal", "Compliance"],
        ["Legal Counsel", "Compliance Analyst", "Paralegal", "Privacy Officer"],
        ["contract review", "GDPR", "policy drafting", "risk assessment", "redlining"],
    ),
    "Operations": (
        ["IT", "Procurement", "Business Systems"],
        ["IT Specialist", "Procurement Manager", "Business Systems Analyst", "Operations Analyst"],
        ["automation", "vendor management", "spreadsheets", "process mapping", "security awareness"],
    ),
}

OFFICES = [  # (Faker locale, time zone, weight)
    ("en_US", "America/New_York", 4),
    ("en_US", "America/Chicago", 2),
    ("en_US", "America/Los_Angeles", 2),
    ("en_GB", "Europe/London", 3),
    ("de_DE", "Europe/Berlin", 2),
    ("fr_FR", "Europe/Paris", 1),
    ("nl_NL", "Europe/Amsterdam", 1),
    ("es_ES", "Europe/Madrid", 1),
    ("en_IN", "Asia/Kolkata", 1),
]


BIOS = [
    "Ask me about {skill}. Currently trying to get AI to help with the boring half of it.",
    "{title} in {dept}. Happy to pair on anything involving {skill}.",
    "Sceptical but curious about AI. I write down what works for {skill} and share it here.",
    "I look after {skill} for the team; my best prompt so far saves me an hour a week.",
    "New to using AI at work. Ask me anything about {skill}, and please tell me your tricks.",
    "{dept} since forever. Interested in checking AI output properly before it goes anywhere.",
]


def _bio(rng: random.Random, *, title: str, dept: str, skill: str) -> str:
    return rng.choice(BIOS).format(title=title, dept=dept, skill=skill)


def _slug_email(first: str, last: str, taken: set[str]) -> str:
    import unicodedata

    def ascii_part(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return "".join(ch for ch in text.lower() if ch.isalnum())

    base = f"{ascii_part(first)}.{ascii_part(last)}".strip(".") or "person"
    email, n = f"{base}@example.org", 2
    while email in taken:
        email, n = f"{base}{n}@example.org", n + 1
    taken.add(email)
    return email


def build_people(*, rng: random.Random, count: int = 150) -> list[User]:
    """Create ~`count` people across the departments; does nothing if the demo people exist."""
    if User.objects.filter(email=ADMIN_EMAIL).exists():
        return list(User.objects.all())
    fakers = {locale: Faker(locale) for locale, _, _ in OFFICES}
    for i, fake in enumerate(fakers.values()):
        fake.seed_instance(rng.randrange(1_000_000) + i)
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    departments = {name: Department.objects.create(name=name) for name in STRUCTURE}
    teams = {
        (dept, team): Team.objects.create(name=team, department=departments[dept])
        for dept, (team_names, _, _) in STRUCTURE.items()
        for team in team_names
    }
    taken = {ADMIN_EMAIL, MEMBER_EMAIL}
    people: list[User] = []
    admin = User(
        email=ADMIN_EMAIL,
        name="Ada Okafor",
        title="AI Adoption Lead",
        role=Role.ADMIN,
        password=password,
        department=departments["People & HR"],
        team=teams[("People & HR", "People Operations")],
        time_zone="Europe/London",
        skills="facilitation, change management, prompt writing",
        bio="I help everyone here get real value from AI — ask me anything, no question is too basic.",
        date_joined=now - timedelta(days=700),
    )
    member = User(
        email=MEMBER_EMAIL,
        name="Sam Rivera",
        title="Account Executive",
        role=Role.MEMBER,
        password=password,
        department=departments["Sales"],
        team=teams[("Sales", "Mid-Market Sales")],
        time_zone="America/New_York",
        skills="discovery calls, proposal writing",
        bio="Trying to use ChatGPT for account research without sounding like a robot.",
        date_joined=now - timedelta(days=400),
    )
    people += [admin, member]
    dept_names = list(STRUCTURE)
    locales = [o for o in OFFICES for _ in range(o[2])]
    for i in range(max(count - 2, 0)):
        dept = dept_names[i % len(dept_names)] if i < len(dept_names) * 2 else rng.choice(dept_names)
        team_names, titles, skills = STRUCTURE[dept]
        locale, tz, _ = rng.choice(locales)
        fake = fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        role = Role.FACILITATOR if rng.random() < 0.08 else Role.MEMBER
        title, person_skills = rng.choice(titles), rng.sample(skills, k=rng.randint(1, 3))
        people.append(
            User(
                email=_slug_email(first, last, taken),
                name=f"{first} {last}",
                title=title,
                role=role,
                password=password,
                department=departments[dept],
                team=teams[(dept, rng.choice(team_names))],
                time_zone=tz,
                skills=", ".join(person_skills),
                bio="" if rng.random() < 0.4 else _bio(rng, title=title, dept=dept, skill=person_skills[0]),
                date_joined=now - timedelta(days=rng.randint(30, 1200)),
            )
        )
    User.objects.bulk_create(people, batch_size=500)
    people = list(User.objects.select_related("team").order_by("id"))
    # Each team's longest-serving person leads it; the others report to them.
    by_team: dict[int, list[User]] = {}
    for person in people:
        if person.team_id:
            by_team.setdefault(person.team_id, []).append(person)
    for members in by_team.values():
        lead = min(members, key=lambda p: p.date_joined)
        for person in members:
            if person.pk != lead.pk:
                person.manager = lead
    User.objects.bulk_update(people, ["manager"], batch_size=500)
    return people
