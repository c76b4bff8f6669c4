"""Is a message about using AI? A lexicon of tools, models and prompting terms, each with the
contexts that make an ambiguous word mean something else ("prompt payment", a colleague called
Claude, Copilot in a cockpit, GPT partition tables, a real-estate agent, a transformer in a
substation, a financial model). Pure functions, no database: `score(text)` gives a number in 0–1 and
the signals that fired; `thread_score(scores)` the same for a thread. ADR 0015 explains the choices.

Signals combine as a noisy OR (1 − Π(1 − w)), so one strong signal (ChatGPT, "system prompt") is
enough, and two weak ones (a "model" near "output") add up; a negative context cancels the ambiguous
term it surrounds, never the whole message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

THRESHOLD = 0.5
STRONG, MEDIUM, WEAK = 0.9, 0.6, 0.3
WINDOW = 60  # characters either side of an ambiguous term where its context is looked for


@dataclass(frozen=True)
class Term:
    name: str  # the signal shown to admins
    pattern: re.Pattern[str]
    weight: float
    boost: re.Pattern[str] | None = None  # context that makes the term clearly about AI
    boosted: float = STRONG
    against: re.Pattern[str] | None = None  # context that makes it mean something else
    # A cheap guard for ASCII text: `pattern` can only match when one of these is in the lowercased
    # text (or, with `ai_word`, the word "ai"/"a.i." is); `()` means always try the pattern.
    needles: tuple[str, ...] = ()
    ai_word: bool = False


def _re(text: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(text, flags)


# Words that, near an ambiguous term, mean AI is being talked about.
AI_CONTEXT = (
    r"\b(?:ai|a\.i\.|llms?|chat ?gpt|gpt|openai|anthropic|model|chatbot|bot|"
    r"prompt(?:s|ed|ing)?|generat(?:e|ed|es|ing|ive)|hallucinat\w*|output|tokens?|context window|"
    r"fine[- ]?tun\w*|embeddings?|inference|agents?|rag|assistant|summari[sz]\w*|draft(?:ed)?)\b"
)
_AI_CONTEXT = _re(AI_CONTEXT)

STRONG_TOOLS = (
    r"chat ?gpt|gpt[- ]?(?:3(?:\.5)?|4(?:\.\d)?(?:o|-?turbo|-?mini)?|4o|5(?:\.\d)?)\b|o[134]-(?:mini|preview|pro)|"
    r"openai|anthropic|claude\.ai|claude[- ](?:\d|code|sonnet|opus|haiku|projects?|artifacts?)|"
    r"(?:sonnet|opus|haiku) \d(?:\.\d)?|github copilot|copilot (?:chat|studio|pro|for (?:m365|microsoft 365|office))|"
    r"(?:m365|microsoft 365|microsoft|ms) copilot|midjourney|dall[- ]?e|stable diffusion|"
    r"notebook ?lm|deep ?seek|langchain|llama ?index|llama[- .]?(?:\d|cpp)|ollama|hugging ?face|"
    r"elevenlabs|eleven labs|otter\.ai|fireflies\.ai|perplexity(?:\.ai| pro)|gemini (?:pro|advanced|ultra|"
    r"flash|\d(?:\.\d)?)|google gemini|mistral (?:ai|large|small|medium|7b)|le chat|grok|custom gpts?|gpts\b|"
    r"gen ?ai|generative ai|llms?\b|large language models?|chatbots?|ai (?:assistant|tool|tools|agent|"
    r"agents|model|models|chat|generated|writing|search|summary|summaries|pilot|policy|usage|adoption)|"
    r"ai-(?:generated|assisted|powered|written)|machine learning|vector (?:db|database|store)|"
    r"retrieval[- ]augmented|embeddings|text-embedding|whisper (?:api|model|transcri\w*)|sora\b|"
    r"copilot\.microsoft|cursor (?:ide|composer|agent|tab)|windsurf|replit agent|v0\.dev|lovable\.dev|"
    r"bolt\.new|tabnine|codeium|gamma\.app|synthesia|runway ?ml|suno\b|"
    r"jasper\.ai|writesonic|character\.ai|poe\.com|groq\b|qwen|phi-\d|bard\b"
)

PROMPTING = (
    r"prompt engineering|system prompts?|(?:few|zero|one)[- ]shot|chain[- ]of[- ]thought|context window|"
    r"prompt templates?|prompt librar(?:y|ies)|prompt chain\w*|jailbreak\w*|prompt injection|"
    r"temperature (?:0|zero|of 0|to 0)|token limits?|max tokens|tokens? per (?:second|minute|request)|"
    r"hallucinat\w+|agentic|multi-?agent|mcp server|tool calling|function calling|fine[- ]tun\w+ (?:a|the|our) "
    r"(?:\w+ )?model|rag pipeline|grounding (?:docs|data|the model)|custom instructions|"
    r"reasoning models?|transformer (?:architecture|models?|based)|attention heads?|prompt(?:ed|ing)\b"
)

# Literal words every alternative above contains (the guard of the two terms; see Term.needles).
STRONG_TOOLS_NEEDLES = (
    "gpt", "o1-", "o3-", "o4-", "openai", "anthropic", "claude", "sonnet", "opus", "haiku", "copilot",
    "midjourney", "dall", "diffusion", "notebook", "seek", "langchain", "llama", "hugging", "eleven",
    "otter", "fireflies", "perplexity", "gemini", "mistral", "le chat", "grok", "genai", "gen ai",
    "generative", "llm", "large language", "chatbot", "machine learning", "vector", "retrieval",
    "embedding", "whisper", "sora", "cursor", "windsurf", "replit", "v0.dev", "lovable", "bolt.new",
    "tabnine", "codeium", "gamma.app", "synthesia", "runway", "suno", "jasper", "writesonic",
    "character.ai", "poe.com", "groq", "qwen", "phi-", "bard",
)  # fmt: skip
PROMPTING_NEEDLES = (
    "prompt", "few-shot", "few shot", "zero-shot", "zero shot", "one-shot", "one shot", "of-thought",
    "of thought", "context window", "jailbreak", "temperature", "token", "hallucinat", "agentic",
    "multi-agent", "multiagent", "mcp server", "tool calling", "function calling", "fine-tun", "fine tun",
    "rag pipeline", "grounding", "custom instructions", "reasoning model", "transformer", "attention head",
)  # fmt: skip

TERMS: list[Term] = [
    Term(
        "AI tool or model named",
        _re(r"\b(?:" + STRONG_TOOLS + r")(?![\w-])"),
        STRONG,
        needles=STRONG_TOOLS_NEEDLES,
        ai_word=True,
    ),
    Term("prompting or model term", _re(r"\b(?:" + PROMPTING + r")"), STRONG, needles=PROMPTING_NEEDLES),
    Term(
        "“AI”",
        re.compile(r"(?<![\w.])(?:AI|A\.I\.|Ai)(?![\w.]|\.[a-z])|\bai\b(?!\.\w)"),
        MEDIUM,
        against=_re(
            r"\b(?:action items?|illustrator|\.ai file|adobe|artificial insemination|ai['’]s from)\b|"
            r"\bAIs\b",
            0,
        ),
        needles=(),
        ai_word=True,
    ),
    Term(
        "a prompt",
        _re(r"\bprompts?\b"),
        WEAK,
        boost=_re(
            r"(?:my|this|that|the|a|your|same|good|better|following|which|what) prompts?\b|"
            r"prompts? (?:i|you|we) (?:used|use|wrote|write|tried)|prompts? (?:for|to get|that)|"
            r"\bprompt\s*:|\bprompts?\b.{0,40}\b(?:gpt|claude|gemini|copilot|model|output|llm|ai)\b|"
            r"\b(?:gpt|claude|gemini|copilot|model|llm|ai)\b.{0,40}\bprompts?\b|(?:write|wrote|tweak|"
            r"tweaked|share|shared|paste|pasted|refine|refined|improve) (?:a |the |my |your |this )?prompt"
        ),
        against=_re(
            r"prompt (?:payment|pay|reply|replies|response|responses|attention|delivery|action|"
            r"service|feedback|turnaround|follow[- ]?up|invoic\w*|review|shipping|notice)|"
            r"(?:be|was|were|very|so|more|always|is) prompt\b|command prompt|(?:password|2fa|mfa|otp|login|"
            r"sign[- ]?in|reset|consent|cookie|permission|install|update|upgrade) prompts?\b|prompt(?:ed)? (?:me|us|him|"
            r"her|them) (?:to|for)|password prompt|login prompt|mfa prompt|sudo prompt|uac prompt|"
            r"(?:a|the) prompt to (?:sign|log|update|restart|reset|enter)|writing prompts? for the "
            r"(?:offsite|retro|workshop|icebreaker)|icebreaker prompts?|journal(?:ing)? prompts?"
        ),
        needles=("prompt",),
    ),
    Term(
        "Copilot",
        _re(r"\bco-?pilot\b"),
        MEDIUM,
        boost=_AI_CONTEXT,
        against=_re(
            r"cockpit|aircraft|airplane|plane|flight|flying|fly|captain|first officer|atc|"
            r"runway|landing|takeoff|take-off|pilot in command|cessna|boeing|airbus|hangar|"
            r"checkride|simulator|sim session|type rating|rally|navigator|co-?driver"
        ),
        needles=("copilot", "co-pilot"),
    ),
    Term(
        "Claude",
        re.compile(r"\bClaude\b|\bclaude\b"),
        WEAK,
        boost=_re(
            r"\b(?:ask(?:ed|ing)?|using|use|used|tried|getting|get|got|let|in|with|into|from) claude\b(?! (?:from|in|at|on)\b)|"
            r"claude (?:said|says|wrote|writes|suggested|generated|gave|made|answered|told|hallucinated|"
            r"is (?:better|worse|great|good)|vs\.?|or (?:chatgpt|gpt|gemini))|"
            r"claude (?:pro|team|enterprise|max|plan|licen[cs]es?|subscriptions?|seats?|api|desktop app)\b|"
            r"(?:licen[cs]es?|subscriptions?|seats?|plan|account|access|api keys?) (?:for|to|on|with) claude\b|"
            r"(?:chatgpt|gpt|gemini|copilot)\W+(?:and|or|vs\.?)\W+claude|claude\W+(?:and|or|vs\.?)\W+"
            r"(?:chatgpt|gpt|gemini|copilot)|(?:prompt|model|llm|ai)\b.{0,40}\bclaude"
        ),
        against=_re(
            r"@claude|claude [A-Z][a-z]+|claude (?:from|in|at|on) (?:the )?(?:finance|hr|sales|legal|"
            r"ops|marketing|it|team|accounts|payroll|facilities|procurement|support)|claude['’]s "
            r"(?:birthday|leaving|farewell|desk|office|team|manager|wife|husband|kids|retirement|"
            r"last day)|(?:thanks|thank you|cheers|hi|hey|congrats(?:ulations)?|welcome),? claude|"
            r"claude (?:is|was) (?:out|off|ooo|on leave|on holiday|sick|away|back)|"
            r"debussy|monet|van damme|claude (?:and|&) (?:i|me)\b",
            0,
        ),
        needles=("claude",),
    ),
    Term(
        "GPT",
        _re(r"\bgpt\b"),
        MEDIUM,
        against=_re(
            r"partition|gpt disk|gpt table|guid|mbr|gdisk|parted|fdisk|uefi|bios|boot(?:able)?|"
            r"disk ?part|sector|drive|lvm|grub"
        ),
        needles=("gpt",),
    ),
    Term(
        "Gemini / Perplexity / Mistral / Llama",
        _re(r"\b(?:gemini|perplexity|mistral|llama)\b"),
        WEAK,
        boost=_re(
            AI_CONTEXT + r"|\b(?:gemini|perplexity|mistral|llama) (?:said|says|gave|gives|wrote|suggested|"
            r"generated|answered|told|found|cited|cites|made|summari[sz]ed|read)\b|\b(?:asked|ask|used|use|"
            r"using|tried|in|into) (?:gemini|perplexity|mistral|llama)\b"
        ),
        against=_re(
            r"zodiac|horoscope|star sign|wind|alpaca|farm|zoo|petting|spacecraft|nasa|apollo|"
            r"twins|mission|my perplexity|to (?:my|our) perplexity"
        ),
        needles=("gemini", "perplexity", "mistral", "llama"),
    ),
    Term(
        "a model",
        _re(r"\bmodels?\b"),
        WEAK,
        boost=_re(
            r"(?:language|foundation|frontier|reasoning|open[- ]source|open[- ]weight|local|ai|ml|"
            r"embedding|vision|image|diffusion|gpt|llm) models?|models? (?:hallucinat\w*|generat\w*|"
            r"output\w*|answer\w*|respond\w*|wrote|made up|suggested|context|weights|card)|"
            r"(?:get|getting|ask|asking|tell|telling|make|making|force|forcing|prompt) the model\b|"
            r"(?:the|which|what|this|that) model (?:said|says|gave|wrote|returned|refused|is best|do you "
            r"use)|switch(?:ed)? models?"
        ),
        against=_re(
            r"financial|finance|dcf|three[- ]statement|3[- ]statement|revenue|forecast(?:ing)?|pricing|"
            r"business|operating|data|role|model (?:year|number|no\.?)|car|excel|spreadsheet|"
            r"budget|valuation|lbo|churn|risk|credit|regression|actuarial|cost|staffing|capacity|"
            r"3d|cad|clay|scale model|runway|catwalk|fashion|photo ?shoot|maturity|delivery|"
            r"service|engagement|hub[- ]and[- ]spoke|hybrid work|attribution|funnel|linear"
        ),
        needles=("model",),
    ),
    Term(
        "an agent",
        _re(r"\bagents?\b"),
        WEAK,
        boost=_re(
            r"(?:ai|llm|autonomous|coding|research|browser|software|gpt|claude|copilot) agents?|"
            r"agents? (?:framework|workflow|loop|that (?:calls|uses|browses|writes|can))|"
            r"agent mode|build(?:ing)? (?:an |our own )?agents?"
        ),
        against=_re(
            r"real[- ]estate|estate agent|listing|realtor|travel agent|insurance agent|"
            r"letting agent|buyer['’]?s agent|seller['’]?s agent|commission|escrow|closing|"
            r"support agents?|call[- ]cent(?:er|re)|customer service agents?|secret agent|"
            r"free agent|double agent|booking agent|shipping agent|customs agent|talent agent|"
            r"registered agent|agents? (?:on|per) (?:the )?(?:floor|shift)|fbi|cia"
        ),
        needles=("agent",),
    ),
    Term(
        "a transformer",
        _re(r"\btransformers?\b"),
        WEAK,
        boost=_re(
            r"transformers? (?:architecture|models?|based|paper|library)|hugging ?face|"
            r"attention (?:is all|mechanism|heads?)|encoder|decoder|bert\b"
        ),
        against=_re(
            r"kva|mva|kv\b|volt|voltage|substation|electrical|power|grid|step[- ]?(?:up|down)|"
            r"pole|utility|outage|breaker|switchgear|winding|transformer (?:fire|hum|oil|yard|box)|"
            r"optimus|megatron|autobots?|toys?|movie|lego"
        ),
        needles=("transformer",),
    ),
    Term(
        "tokens",
        _re(r"\btokens?\b"),
        WEAK,
        boost=_re(
            r"tokens? (?:limit|count|window|usage|cost|per)|(?:input|output|context|prompt|"
            r"completion|million|1m|100k|128k|200k) tokens?|tokeni[sz]\w*"
        ),
        against=_re(
            r"(?:auth|access|api|bearer|refresh|security|csrf|jwt|session|bus|arcade|game|"
            r"hardware|rsa|slack|github|oauth|sso|mfa) tokens?|tokens? of (?:appreciation|gratitude)|"
            r"token (?:expired|rotation|leaked|revoked)|\[redacted"
        ),
        needles=("token",),
    ),
    Term(
        "temperature setting",
        _re(r"\btemperature\b"),
        WEAK,
        boost=_AI_CONTEXT,
        against=_re(
            r"weather|degrees|°|celsius|fahrenheit|room|office|fridge|freezer|server room|"
            r"fever|thermostat|oven|outside|cold|hot|warm|hvac|cooling|heating"
        ),
        needles=("temperature",),
    ),
    Term(
        "AI output talk",
        _re(
            r"\b(?:the|an?) (?:ai|bot|assistant|llm|model)\b(?: [\w'’]+){0,3} (?:wrote|suggested|"
            r"generated|made up|invented|answered|returned|refused|summari[sz]ed|drafted|rewrote)"
        ),
        STRONG,
        against=_re(
            r"slackbot|jira bot|deploy bot|ci bot|dependabot|renovate|the bot (?:posted|"
            r"pinged|reminded|deployed|merged)|model (?:numbers?|no\.?|years?|railways?|trains?|kits?|"
            r"cars?|homes?|airplanes?|planes?|portfolios?|answers? (?:in|on) the (?:exam|textbook))"
        ),
        needles=("the bot", "a bot", "an bot", "assistant", "llm", "model"),
        ai_word=True,
    ),
    Term(
        "asked an assistant",
        _re(
            r"\b(?:asked|ask|told|tell|got|had|let|using|use|used|tried|try|"
            r"via|with|in|into|from|through|pasted (?:it )?into|ran it through|paste it "
            r"into|ran (?:it|this) through) (?:chat ?gpt|gpt|gemini|copilot|"
            r"perplexity|the ai|an ai|ai|the llm|an llm|the model|the bot)\b"
        ),
        STRONG,
        against=_re(
            r"(?:flight|cockpit|captain|plane|landing|partition|disk|uefi|the bot (?:posted|pinged))"
        ),
        needles=("gpt", "gemini", "copilot", "perplexity", "llm", "model", "bot"),
        ai_word=True,
    ),
    Term("RAG", re.compile(r"\bRAG\b"), MEDIUM, needles=("rag",)),
    Term(
        "transcription tool",
        _re(r"\b(?:otter|whisper|fireflies|tl;dv|fathom)\b"),
        WEAK,
        boost=_re(
            r"transcri\w*|meeting notes|meeting summar\w*|recordings?\b|speech[- ]to[- ]text|dictat\w*"
        ),
        against=_re(
            r"\botters?\b (?:at|in) the (?:zoo|river|aquarium)|sea otters?|stage whisper|whisper(?:ed|ing) (?:to|in)"
        ),
        needles=("otter", "whisper", "fireflies", "tl;dv", "fathom"),
    ),
    Term(
        "AI in a workplace app",
        _re(
            r"\b(?:notion ai|the (?:ai )?assistant in (?:notion|word|outlook|teams|excel|powerpoint|slack|"
            r"confluence|jira|gmail|docs|figma|canva|zoom|salesforce|hubspot)|grammarly (?:go|ai)|"
            r"(?:zoom|slack|canva|figma|salesforce|hubspot|atlassian) ai|einstein gpt|duet ai)\b"
        ),
        STRONG,
        needles=("assistant in", "grammarly", "gpt"),
        ai_word=True,
    ),
    Term(
        "a bot built on documents",
        _re(
            r"\b(?:the |a |our )?(?:chat)?bot (?:we|i|they|you) (?:built|made|set up|trained|made)\b.{0,30}"
            r"\b(?:on|from|with|over)\b|\b(?:chat)?bot (?:trained|built|grounded) on (?:the |our )?\w+"
        ),
        MEDIUM,
        against=_re(r"slackbot|jira bot|deploy bot|ci bot|dependabot|renovate|standup bot|lunch bot"),
        needles=("bot we", "bot i", "bot they", "bot you", "bot trained", "bot built", "bot grounded"),
    ),
]

_CODE = re.compile(r"```")
# One pass over the text first: a message with none of the terms (most chat) is done at once.
_ANY = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in TERMS), re.IGNORECASE)
# The word "ai" (or "a.i.") in lowercased ASCII text: what the terms marked `ai_word` need.
_AI_WORD = re.compile(r"(?<![a-z0-9_])a\.?i(?![a-z0-9_])")


@dataclass(frozen=True)
class Score:
    score: float
    signals: tuple[str, ...]

    @property
    def is_ai(self) -> bool:
        return self.score >= THRESHOLD


def _window(text: str, start: int, end: int) -> str:
    return text[max(0, start - WINDOW) : end + WINDOW]


def _term_weight(term: Term, text: str) -> float:
    """The strongest weight of any occurrence of `term` in `text` (0 when every one is negated)."""
    best = 0.0
    for m in term.pattern.finditer(text):
        near = _window(text, m.start(), m.end())
        if term.against is not None and term.against.search(near):
            continue
        weight = term.weight
        if term.boost is not None and term.boost.search(near):
            weight = max(weight, term.boosted)
        best = max(best, weight)
        if best >= STRONG:
            break
    return best


# Needle → the terms it lets through; the terms that also take the word "ai"; those with no needles.
_BY_NEEDLE: dict[str, set[int]] = {}
for _i, _t in enumerate(TERMS):
    for _n in _t.needles:
        _BY_NEEDLE.setdefault(_n, set()).add(_i)
_NEEDLES = tuple(_BY_NEEDLE)
_BY_AI_WORD = {i for i, t in enumerate(TERMS) if t.ai_word}
_UNGUARDED = {i for i, t in enumerate(TERMS) if not t.needles and not t.ai_word}


def _folds(pattern: re.Pattern[str]) -> bool:
    """Whether a case-insensitive `pattern` matches lowercased ASCII text exactly where it matches the
    text as written when compiled case-sensitively: true when every letter it names is lowercase
    (escapes such as \\b, \\W aside). Case-sensitive matching is several times faster in `re`."""
    return bool(pattern.flags & re.IGNORECASE) and not re.search(
        r"[A-Z]", re.sub(r"\\.", "", pattern.pattern)
    )


def _fast(pattern: re.Pattern[str] | None) -> tuple[re.Pattern[str] | None, bool]:
    """`pattern` for the ASCII path and whether it runs on the lowercased text (else on the text)."""
    if pattern is None or not _folds(pattern):
        return pattern, False
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE), True


# Per term, for ASCII text: (pattern, on lowercase?) for its pattern, against and boost.
_FAST = [(_fast(t.pattern), _fast(t.against), _fast(t.boost)) for t in TERMS]


def _candidate_ids(low: str) -> list[int]:
    hits = set(_UNGUARDED)
    for needle in [n for n in _NEEDLES if n in low]:
        hits |= _BY_NEEDLE[needle]
    if _AI_WORD.search(low):
        hits |= _BY_AI_WORD
    return sorted(hits)


def _candidates(text: str) -> list[Term]:
    """The terms that could match `text`. For ASCII text (case-insensitive matching is then plain
    ASCII case folding) each term's needles are looked for in the lowercased text (no pattern runs),
    which rules out most terms, often all of them; other text gets the one-pass check."""
    if not text.isascii():
        return TERMS if _ANY.search(text) else []
    return [TERMS[i] for i in _candidate_ids(text.lower())]


def _fast_weight(i: int, text: str, low: str) -> float:
    """`_term_weight` for ASCII text: the same matches, with the case-insensitive patterns run
    case-sensitively on the lowercased text (same positions: ASCII lowercasing keeps the length)."""
    term = TERMS[i]
    (pattern, p_low), (against, a_low), (boost, b_low) = _FAST[i]
    assert pattern is not None  # noqa: S101 - every term has one
    best = 0.0
    for m in pattern.finditer(low if p_low else text):
        start, end = max(0, m.start() - WINDOW), m.end() + WINDOW  # a slice, as _window: not pos/endpos
        if against is not None and against.search((low if a_low else text)[start:end]) is not None:
            continue
        weight = term.weight
        if boost is not None and boost.search((low if b_low else text)[start:end]) is not None:
            weight = max(weight, term.boosted)
        best = max(best, weight)
        if best >= STRONG:
            break
    return best


def score(text: str, *, prefilter: bool = True) -> Score:
    """How much `text` is about using AI (0–1) and the names of the signals that fired. `prefilter`
    (on by default) skips the terms that cannot match and, for ASCII text, runs the patterns on the
    lowercased text; off, every term runs as written (the tests compare both)."""
    if not text:
        return Score(0.0, ())
    fired: list[tuple[str, float]] = []
    if prefilter and text.isascii():
        low = text.lower()
        for i in _candidate_ids(low):
            weight = _fast_weight(i, text, low)
            if weight:
                fired.append((TERMS[i].name, weight))
    else:
        terms = _candidates(text) if prefilter else (TERMS if _ANY.search(text) else [])
        for term in terms:
            weight = _term_weight(term, text)
            if weight:
                fired.append((term.name, weight))
    if not fired:
        return Score(0.0, ())
    miss = 1.0
    for _name, weight in fired:
        miss *= 1 - weight
    value = round(1 - miss, 3)
    names = tuple(name for name, _w in sorted(fired, key=lambda item: -item[1]))
    return Score(value, names)


def has_code(text: str) -> bool:
    return bool(_CODE.search(text or ""))


def thread_score(root: float, replies: Sequence[float] | Iterable[float]) -> float:
    """A thread is about AI when its question is, or when two of its answers are (or one is and the
    question leans that way): the root counts fully, answers by the mean of the best two."""
    best = sorted(replies, reverse=True)[:2]
    if not best:
        return root
    answers = sum(best) / 2 if len(best) == 2 else best[0] * (0.5 + root)
    return round(max(root, min(answers, 1.0)), 3)
