"""The demo library's imported prompts: the real prompts.chat collection (CC0), as a "Community starter
pack" — owned by a Community account (deactivated: nobody signs in as it), flagged `community` so
browsing lists the organization's own prompts first, and gathered in one collection.

Runs before `build_library`, which adds the department-specific prompts, forks, reuses and ratings.
"""

from __future__ import annotations

import itertools
import random
import re
from datetime import datetime, timedelta

from django.utils import timezone

from ripple.demo.people import ADMIN_EMAIL
from ripple.library import actions, importing
from ripple.library.models import Prompt
from ripple.people.models import User

SPREAD_DAYS = 182  # six months
COMMUNITY_EMAIL = "community@example.org"
COMMUNITY_NAME = "Community starter pack"
STARTER_PACK_DESCRIPTION = (
    "Around 1,500 prompts from prompts.chat, the public collection (CC0), to get you started. They were "
    "not written here: your colleagues' own prompts are listed first in the library."
)

# Words kept capitalised in a sentence-case title: names, languages, products, acronyms people write so.
_PROPER = {
    "ai", "api", "aws", "chatgpt", "css", "ceo", "cto", "cv", "dj", "diy", "dnd", "english", "ethereum",
    "excel", "figma", "french", "german", "git", "github", "google", "html", "instagram", "ios",
    "javascript", "js", "json", "kpi", "linkedin", "linux", "midjourney", "mongodb", "mysql", "node.js",
    "okr", "php", "postgresql", "powerpoint", "python", "react", "regex", "seo", "shakespeare",
    "solidity", "spanish", "sql", "stackoverflow", "tiktok", "twitter", "typescript", "ui", "ux", "vue",
    "wikipedia", "windows", "youtube", "arabic", "chinese", "japanese", "korean", "italian", "portuguese",
    "russian", "turkish", "hindi", "dutch", "swedish", "islamic", "christian", "buddhist",
    "bible", "socratic", "socrates", "unreal", "android", "microsoft", "tailwind",
    "docker", "kubernetes", "golang", "c#", "c++", "java", "kotlin", "scala", "ruby",
    "rails", "django", "laravel", "vba", "nft", "bitcoin", "gpt", "llm", "mbti",
    "i", "ascii", "claude", "disney", "pixar", "lego", "next.js", "marvel", "netflix", "spotify",
    "openai", "gemini", "copilot", "amazon", "shopify", "wordpress", "etsy",
    "svg", "xml", "yaml", "csv", "pdf", "b2b", "saas", "hr", "qa",
}  # fmt: skip
_TITLE_WORD = re.compile(r"[\w.#+&']+|[^\w.#+&']+")


def sentence_case(title: str) -> str:
    """ "English Translator and Improver" -> "English translator and improver": a title as people write
    one, keeping names, languages, acronyms and words with inner capitals ("JavaScript", "SQL")."""
    out, first = [], True
    shouting = not any(c.islower() for c in title)  # "KIDS DRESS DESIGN"
    for token in _TITLE_WORD.findall(title.strip()):
        if not token[0].isalnum():
            out.append(token)
            continue
        known = token.casefold() in _PROPER
        keep = known or (
            not shouting and (token.isupper() and len(token) > 1 or any(c.isupper() for c in token[1:]))
        )
        if known and token.islower():
            token = (
                token.upper() if len(token) <= 3 and token.isalpha() and token != "i" else token.capitalize()
            )
        word = token if keep else token.lower()
        out.append(word[:1].upper() + word[1:] if first else word)
        first = False
    return "".join(out)


def community_account() -> User:
    """The account the starter pack belongs to: deactivated, so it never signs in or shows in pickers."""
    existing = User.objects.filter(email=COMMUNITY_EMAIL).first()
    if existing is not None:
        return existing
    user = User(email=COMMUNITY_EMAIL, name=COMMUNITY_NAME, title="Prompts shared publicly on prompts.chat",
                is_active=False)  # fmt: skip
    user.set_unusable_password()
    user.save()
    return user


def build_library_import(*, rng: random.Random) -> None:
    """Import the bundled prompts-chat.csv as the community starter pack, with creation times spread
    over the last six months; does nothing the second time."""
    if Prompt.objects.filter(origin_label=importing.PROMPTS_CHAT_LABEL).exists():
        return
    importer = User.objects.filter(email=ADMIN_EMAIL).first() or User.objects.filter(is_active=True).first()
    if importer is None:
        return
    community = community_account()
    with importing.PROMPTS_CHAT_CSV.open("rb") as stream:
        rows = importing.parse(stream, "csv", name=importing.PROMPTS_CHAT_CSV.name)
    for row in rows:
        row.title = sentence_case(row.title)
    now = timezone.now()
    dates: list[datetime] = sorted(
        now - timedelta(seconds=rng.randrange(SPREAD_DAYS * 24 * 3600)) for _ in rows
    )
    importing.import_rows(actor=importer, rows=rows, owners=itertools.repeat(community), dates=dates)
    imported = Prompt.objects.filter(origin_label=importing.PROMPTS_CHAT_LABEL)
    imported.update(community=True)
    pack = actions.collection_create(
        actor=importer, title="Community starter pack", description=STARTER_PACK_DESCRIPTION,
        at=now - timedelta(days=SPREAD_DAYS),
    )  # fmt: skip
    actions.collection_add_many(
        actor=importer, collection=pack, prompts=list(imported.order_by("title", "id"))
    )
