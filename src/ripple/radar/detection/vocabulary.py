"""The detector's vocabulary: weights, the `Term` type and the shared patterns (tool names, prompting
words, AI artefacts, the contexts that disambiguate). The terms themselves are in `terms_named` and
`terms_context`; scoring is in the package's `__init__`."""

from __future__ import annotations

import re
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
