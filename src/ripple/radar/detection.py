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
# AI nouns without the prompting words (for terms that are themselves prompting words).
_AI_NOUNS = _re(
    r"\b(?:ai|a\.i\.|llms?|chat ?gpt|gpt|openai|claude|gemini|copilot|models?|chatbots?|bots?|outputs?|"
    r"tokens?|assistants?)\b"
)
# An AI/ML event and its logistics: tickets and hotels for a conference are not using AI.
EVENT_LOGISTICS = (
    r"(?i:\b(?:conference|summit|expo|meetup|symposium|trade ?show)s?\b.{0,60}\b(?:tickets?|hotels?|booth|"
    r"venue|registration|badges?|flights?|travel|sponsor\w*|visa)\b|\b(?:tickets?|hotels?|booth|venue|"
    r"registration|badges?|flights?|travel|sponsor\w*|visa)\b.{0,60}\b(?:conference|summit|expo|meetup|"
    r"symposium|trade ?show)s?\b)"
)
# What a generative tool does (a colleague or a mouse cursor rarely "hallucinates" or "refactors").
TOOL_ACTS = (
    r"(?:wrote|rewrote|generated|suggested|hallucinated|invented|made up|refused|refactored|autocompleted|"
    r"summari[sz]ed|translated|answered|spat out)"
)
# Parts of a tool people talk about: "Gemini's answer", "Claude's API", "the Gemini sidebar".
TOOL_PARTS = r"(?:answers?|responses?|outputs?|suggestions?|summar(?:y|ies)|api|sidebar|extension|plugin)"
# Pronouns that make a name a person ("ask Claude, he knows") rather than a tool ("it").
PERSON_PRONOUN = r"\b(?:he|she|his|him|hers?)\b"

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
    r"ai-(?:generated|assisted|powered|written)|vector (?:db|database|store)|"
    r"retrieval[- ]augmented|embeddings|text-embedding|whisper (?:api|model|transcri\w*)|sora\b|"
    r"copilot\.microsoft|cursor (?:ide|composer|agent|tab)|windsurf|replit agent|v0\.dev|lovable\.dev|"
    r"bolt\.new|tabnine|codeium|gamma\.app|synthesia|runway ?ml|suno\b|"
    r"jasper\.ai|jasper ai|writesonic|character\.ai|poe\.com|groq\b|qwen|phi-\d|google bard"
)

PROMPTING = (
    r"prompt engineering|system prompts?|(?:few|zero|one)[- ]shot|chain[- ]of[- ]thought|context window|"
    r"prompt templates?|prompt librar(?:y|ies)|prompt chain\w*|jailbreak\w*|prompt injection|"
    r"temperature (?:0|zero|of 0|to 0)|token limits?|max tokens|tokens? per (?:second|minute|request)|"
    r"agentic|multi-?agent|mcp server|tool[- ]call(?:s|ing)?|function calling|fine[- ]tun\w+ (?:a|the|our) "
    r"(?:\w+ )?model|rag pipeline|grounding (?:docs|data|the model)|custom instructions|"
    r"reasoning (?:models?|mode)|thinking mode|think step(?: by |-by-)step|structured outputs?|"
    r"transformer (?:architecture|models?|based)|attention heads?"
)

# Literal words every alternative above contains (the guard of the two terms; see Term.needles).
STRONG_TOOLS_NEEDLES = (
    "gpt", "o1-", "o3-", "o4-", "openai", "anthropic", "claude", "sonnet", "opus", "haiku", "copilot",
    "midjourney", "dall", "diffusion", "notebook", "seek", "langchain", "llama", "hugging", "eleven",
    "otter", "fireflies", "perplexity", "gemini", "mistral", "le chat", "grok", "genai", "gen ai",
    "generative", "llm", "large language", "chatbot", "vector", "retrieval",

    "embedding", "whisper", "sora", "cursor", "windsurf", "replit", "v0.dev", "lovable", "bolt.new",
    "tabnine", "codeium", "gamma.app", "synthesia", "runway", "suno", "jasper", "writesonic",
    "character.ai", "poe.com", "groq", "qwen", "phi-", "bard",
)  # fmt: skip
PROMPTING_NEEDLES = (
    "prompt", "few-shot", "few shot", "zero-shot", "zero shot", "one-shot", "one shot", "of-thought",
    "of thought", "context window", "jailbreak", "temperature", "token", "agentic",
    "multi-agent", "multiagent", "mcp server", "tool call", "tool-call", "function calling", "fine-tun",
    "fine tun", "rag pipeline", "grounding", "custom instructions", "reasoning mode", "thinking mode",
    "step by step", "step-by-step", "structured output", "transformer", "attention head",
)  # fmt: skip

# What AI tools make and the machinery around them, kept apart from STRONG_TOOLS so that its longer
# alternation only runs when one of its own needles is in the text.
AI_ARTEFACTS = (
    r"ai (?:summari[sz]ers?|(?:meeting )?notes|note ?takers?|transcripts?|transcription|chatbots?|features?|"
    r"answers?|outputs?|responses?|suggestions?|auto-?repl(?:y|ies)|rewrites?|credits|licen[cs]es?|seats?)|"
    r"(?:ai|llm|gpt|chatgpt|claude|copilot|gemini)-(?:generated|assisted|powered|written|drafted|based)|"
    r"image generat(?:or|ors|ion)|video generat(?:or|ors|ion)|speech[- ]to[- ]text|text[- ]to[- ](?:image|video)|"
    r"voice clon\w*|(?:meeting|summary|summari[sz]ing|note[- ]?taking|transcription) bots?|"
    r"auto-?generated (?:transcripts?|summar(?:y|ies)|notes|captions|minutes|repl(?:y|ies)|answers?|alt text)|"
    r"vector search|semantic search|rerank\w*|o[134](?:-\w+)? models?"
)
AI_ARTEFACTS_NEEDLES = (
    "-generated", "-assisted", "-powered", "-written", "-drafted", "-based", "generat", "speech", "text to",
    "text-to", "voice clon", "bot", "vector search", "semantic search", "rerank", "o1", "o3", "o4",
)  # fmt: skip

TERMS: list[Term] = [
    Term(
        "AI tool or model named",
        _re(r"\b(?:" + STRONG_TOOLS + r")(?![\w-])"),
        STRONG,
        needles=STRONG_TOOLS_NEEDLES,
        ai_word=True,
    ),
    Term(
        "AI output or technique",
        _re(r"\b(?:" + AI_ARTEFACTS + r")(?![\w-])"),
        STRONG,
        needles=AI_ARTEFACTS_NEEDLES,
        ai_word=True,
    ),
    Term("prompting or model term", _re(r"\b(?:" + PROMPTING + r")"), STRONG, needles=PROMPTING_NEEDLES),
    Term(
        "hallucination",
        _re(r"\bhallucinat\w+"),
        STRONG,
        # Hallucinations as a symptom: medicine, not model output.
        against=_re(
            r"\b(?:patients?|medicat\w*|meds\b|dos(?:e|es|age)|symptoms?|clinical|clinic|doctors?|nurses?|"
            r"hospital|psychosis|psychiatr\w*|delirium|fever|side[- ]effects?|drugs?|diagnos\w*|seizures?|"
            r"migraines?|withdrawal|sleep[- ]deprivation|dementia|ward|gp\b)"
        ),
        needles=("hallucinat",),
    ),
    Term(
        "prompting",
        _re(r"\bprompting\b"),
        STRONG,
        # "prompting us to renew" is a nudge, not prompting a model.
        against=_re(
            r"prompting (?:us|me|them|him|her|you|people|everyone|users?|customers?|staff|the (?:user|customer|"
            r"team|client)s?) (?:to|for)\b|prompting (?:a|an) (?:review|discussion|change|question|response|rethink)"
        ),
        needles=("prompting",),
    ),
    Term(
        "prompted",
        _re(r"\bprompted\b"),
        WEAK,
        boost=_AI_NOUNS,
        # The causal sense: "what prompted the change", "prompted by the audit".
        against=_re(r"\b(?:what|which|that|this|has|have|had|it|was|were) prompted\b|\bprompted by\b"),
        needles=("prompted",),
    ),
    Term(
        "machine learning",
        _re(r"\bmachine[- ]learning\b"),
        MEDIUM,
        boost=_AI_CONTEXT,
        # The field as a job, a course or an event is not someone using AI.
        against=_re(
            EVENT_LOGISTICS + r"|machine[- ]learning (?:engineers?|engineering (?:role|team)|researchers?|"
            r"scientists?|roles?|positions?|jobs?|hires?|hiring|candidates?|degrees?|phd|masters?|courses?|"
            r"bootcamps?|lectures?|professors?|papers?|conferences?|summits?|meetups?)\b"
        ),
        needles=("machine learning", "machine-learning"),
    ),
    Term(
        "Bard",
        _re(r"\bbard\b"),
        WEAK,
        boost=_AI_CONTEXT,
        against=_re(r"\bthe bard\b|shakespeare|\bpoets?\b|poetry|quot\w*|hamlet|macbeth|theat(?:re|er)|avon"),
        needles=("bard",),
    ),
    Term(
        "instructions to “it”",
        # An unnamed tool told what to do ("ask it to cite", "told it to only output json", "tell it
        # \"plain text\""), or what "it" produced ("the summary it gave me"). Lowercase "it" only, so
        # "ask IT to reset" (the department) is left out.
        re.compile(
            r"\b(?i:ask|asked|asking|tell|told|telling|get|got|make|made|have|had|let) it (?:"
            r"to (?:(?i:only|just|always|never|not|also) )?(?i:re-?write|rephrase|summari[sz]e|critique|cite|draft|"
            r"translate|answer|respond|act as|pretend|output|format|list its|think|show its|check its|"
            r"use only|return|generate|classify|extract)\b)|"
            r"\b(?i:tell|told|telling) it [\"“‘]|"
            r"\b(?i:asked|ask|prompted|told) it\b[^.?!]{0,60}\bit (?i:gave|came back with|returned|spat out|wrote|"
            r"made up|invented)\b|"
            r"\b(?i:the (?:summary|answer|draft|output|response|reply|translation|transcript|sql|regex|code|"
            r"outline|caption|copy)) it (?i:wrote|gave|generated|produced|spat out|came up with|returned|made up)\b"
        ),
        MEDIUM,
        needles=(
            "it to ",
            'it "',
            "it \u201c",
            "it \u2018",
            "it wrote",
            "it gave",
            "it generated",
            "it produced",
            "it spat",
            "it came",
            "it invented",
            "it returned",
            "it made up",
        ),
    ),
    Term(
        "“AI”",
        re.compile(r"(?<![\w.])(?:AI|A\.I\.|Ai)(?![\w.]|\.[a-z])|\bai\b(?!\.\w)"),
        MEDIUM,
        against=_re(
            r"\b(?:action items?|illustrator|\.ai file|adobe|artificial insemination|ai['’]s from)\b|"
            r"\bAIs\b|" + EVENT_LOGISTICS,
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
            r"prompt (?:tips?|ideas?|examples?|hacks?|guides?|cheat ?sheets?|engineer\w*|writing)\b|"
            r"['\"”’] prompts?\b|"
            r"\bprompt\s*:\s*(?:```|[\"'“‘`{]|you are|act as|(?:re)?write|rephrase|summari[sz]e|generate|"
            r"explain|translate|create|give me|list|draft|classify|extract|turn|answer|respond|pretend|imagine)|\bprompts?\b.{0,40}\b(?:gpt|claude|gemini|copilot|model|output|llm|ai)\b|"
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
            r"(?:offsite|retro|workshop|icebreaker)|"
            # Prompts people answer: surveys, journals, essays, discussions, retros.
            r"(?:(?:a|the|this|today['’]s|weekly|daily) writing|survey|discussion|journal(?:ing)?|icebreaker|"
            r"reflection|essay|exam|interview|debate|retro|drawing|art|speaking) prompts?\b|"
            r"prompts? (?:on|in|of|from|for) (?:the|this|our|a|each) (?:survey|form|questionnaire|exam|quiz|"
            r"worksheet|retro|offsite|workshop|card|deck of cards)"
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
            r"checkride|simulator|sim session|type rating|rally|navigator|co-?driver|van|truck|lorry|"
            r"driver|route|convoy|" + PERSON_PRONOUN
        ),
        needles=("copilot", "co-pilot"),
    ),
    Term(
        "Claude",
        re.compile(r"\bClaude\b|\bclaude\b"),
        WEAK,
        boost=_re(
            r"\b(?:ask(?:ed|ing)?|using|use|used|tried|getting|get|got|let|in|with|into|from|gave|give|feed|fed|"
            r"prompt(?:ed)?|paste[ds]? (?:it |this |that )?into) claude\b(?! (?:from|in|at|on)\b)|"
            # The product's own parts (its sessions, artifacts, context) and "it" for Claude.
            r"claude(?:['’]s)? (?:artifacts?|sessions?|chats?|conversations?|context|memory|projects?|"
            r"outputs?|web search|desktop|mobile app|extension)\b|claude " + TOOL_ACTS + r"\b|"
            r"claude['’]s " + TOOL_PARTS + r"\b|"
            r"claude\b[^.?!]{0,60}\bit (?:keeps?|kept|just|stops?|stopped|wrote|built|gave|says|said|forgot|"
            r"forgets|ignored|ignores|refused|refuses|can['’]?t|cannot|doesn['’]?t|didn['’]?t|invented|made up|"
            r"got|gets|spat|returned|added|tends|seems|came back)\b|"
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
            r"debussy|monet|van damme|claude (?:and|&) (?:i|me)\b|"
            r"(?i:\bclaude\b[^.?!]{0,50}" + PERSON_PRONOUN + r"|\b(?:he|she)\b[^.?!]{0,30}\bclaude\b)",
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
            r"using|tried|in|into|gave|give|feed|fed|prompt(?:ed)?|told|tell) (?:gemini|perplexity|mistral|llama)\b|"
            r"\b(?:gemini|perplexity|mistral|llama) " + TOOL_ACTS + r"\b|"
            r"\b(?:gemini|perplexity|mistral|llama)(?:['’]s)? " + TOOL_PARTS + r"\b|"
            r"\bgemini (?:in|for) (?:gmail|docs|sheets|slides|drive|meet|chrome|workspace|android)\b"
        ),
        against=_re(
            r"zodiac|horoscope|star sign|wind|alpaca|farm|zoo|petting|spacecraft|nasa|apollo|"
            r"twins|mission|my perplexity|to (?:my|our) perplexity"
        ),
        needles=("gemini", "perplexity", "mistral", "llama"),
    ),
    Term(
        "Cursor",
        _re(r"\bcursor\b"),
        WEAK,
        # The editor, when it acts or is used; not the mouse cursor, a text caret or a database cursor.
        boost=_re(
            r"\bcursor " + TOOL_ACTS + r"\b|\bcursor['’]s (?:agent|composer|tab|chat|rules)\b|"
            r"\b(?:in|with|using|tried|use|used|switched to) cursor\b(?! (?:position|hover|pointer|keys?)\b)"
        ),
        against=_re(
            r"mouse|hover\w*|pointer|css|blink\w*|caret|database|\bdb\b|sql|fetch\w*|paginat\w*|"
            r"text (?:field|box)|input|screen|disappear\w*|lag\w*"
        ),
        needles=("cursor",),
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
            r"use)|switch(?:ed)? models?|"
            # What a model does on its own: keeps saying, confidently claims, ignores, forgets.
            r"(?:the|this|that) model (?:keeps|kept|confidently|insists|insisted|claims|claimed|ignores|"
            r"ignored|forgets|forgot|refuses|remembers)\b|"
            r"models? (?:\w+ ){0,3}?mak(?:e|es|ing) (?:up|things up|stuff up)\b"
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
            r"completion|million|1m|100k|128k|200k) tokens?|tokeni[sz]\w*|"
            r"\b(?:chunk\w*|embedd\w*|llms?|gpt|context|prompts?)\b"
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
            r"\b(?:the|an?|our|my|this|that) (?:ai|chatbot|bot|assistant|llm|model|summari[sz]er)\b"
            r"(?: [\w'’]+){0,3} (?:wrote|suggested|generated|made up|invented|hallucinated|fabricated|misquoted|"
            r"answered|returned|refused|summari[sz]ed|drafted|rewrote|inventing|making (?:up|things up|stuff up)|"
            r"hallucinating|fabricating)"
        ),
        STRONG,
        against=_re(
            r"(?:executive|personal|admin\w*|legal|office|teaching|research|dental|medical|shop|store|sales|"
            r"marketing|lab|physician|nursing) assistants?|\b(?:my|his|her|their) assistant\b|"
            r"slackbot|jira bot|deploy bot|ci bot|dependabot|renovate|the bot (?:posted|"
            r"pinged|reminded|deployed|merged)|model (?:numbers?|no\.?|years?|railways?|trains?|kits?|"
            r"cars?|homes?|airplanes?|planes?|portfolios?|answers? (?:in|on) the (?:exam|textbook))"
        ),
        needles=(
            "the bot",
            "a bot",
            "an bot",
            "our bot",
            "my bot",
            "this bot",
            "that bot",
            "chatbot",
            "assistant",
            "llm",
            "model",
            "summari",
        ),
        ai_word=True,
    ),
    Term(
        "what a summariser or chatbot did",
        _re(
            r"^(?:chat)?bot\b(?: [\w'’]+){0,3} (?:wrote|generated|made up|invented|hallucinated|answered|"
            r"summari[sz]ed|drafted|rewrote)|"
            # What a summariser or chatbot keeps getting wrong (not "the model says": a forecast says too).
            r"\b(?:the|an?|our|my|this|that) (?:ai|chatbot|llm|summari[sz]er|summary tool|note ?taker|"
            r"transcriber)\b(?: [\w'’]+){0,6} (?:says|said|claims|claimed|left out|missed|skipped|ignored|forgot|"
            r"mixed up|confused|(?:keeps|kept) (?:saying|making|adding|inventing|ignoring|forgetting|mixing|"
            r"confusing|calling|rounding|assigning|hallucinating|repeating|using|giving|suggesting))\b|"
            # Work handed to one ("had the assistant draft it") and its answers ("the bot's answers").
            r"\b(?:had|have|let|get|got) the (?:ai|bot|chatbot|llm|model) (?:to )?(?:draft|write|"
            r"rewrite|summari[sz]e|generate|translate|answer)\b|"
            r"\b(?:the|our|a) (?:chat)?bot['’]s (?:answers?|responses?|replies|suggestions?|outputs?)"
        ),
        STRONG,
        against=_re(r"slackbot|jira bot|deploy bot|ci bot|dependabot|renovate|standup bot"),
        needles=(
            "bot",
            "llm",
            "summari",
            "summary tool",
            "note taker",
            "notetaker",
            "transcriber",
            "had the",
            "have the",
            "let the",
            "get the",
            "got the",
        ),
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


def _candidates(text: str) -> list[Term]:
    """The terms that could match `text`. For ASCII text (case-insensitive matching is then plain
    ASCII case folding) each term's needles are looked for in the lowercased text (`in`, no pattern),
    which rules out most terms, often all of them; other text gets the one-pass check."""
    if not text.isascii():
        return TERMS if _ANY.search(text) else []
    low = text.lower()
    hits = set(_UNGUARDED)
    for needle in [n for n in _NEEDLES if n in low]:
        hits |= _BY_NEEDLE[needle]
    if _AI_WORD.search(low):
        hits |= _BY_AI_WORD
    return [TERMS[i] for i in sorted(hits)]


def score(text: str, *, prefilter: bool = True) -> Score:
    """How much `text` is about using AI (0–1) and the names of the signals that fired. `prefilter`
    (on by default) skips the terms that cannot match; off, every term runs (the tests compare both)."""
    if not text:
        return Score(0.0, ())
    terms = _candidates(text) if prefilter else (TERMS if _ANY.search(text) else [])
    if not terms:
        return Score(0.0, ())
    fired: list[tuple[str, float]] = []
    for term in terms:
        weight = _term_weight(term, text)
        if weight:
            fired.append((term.name, weight))
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
