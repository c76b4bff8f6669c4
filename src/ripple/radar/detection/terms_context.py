"""Terms that need context: GPT, Gemini and friends, Cursor, a model, an agent, a transformer, tokens,
temperature, and talk about what an AI tool produced."""

from __future__ import annotations

import re

from ripple.radar.detection.vocabulary import (
    _AI_CONTEXT,
    AI_CONTEXT,
    MEDIUM,
    STRONG,
    TOOL_ACTS,
    TOOL_PARTS,
    WEAK,
    Term,
    _re,
)

CONTEXT: list[Term] = [
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
