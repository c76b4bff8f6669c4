"""Terms that name AI tools, prompting and AI artefacts, and the ambiguous words that most often mean
them (a prompt, Copilot, Claude), each with the contexts that make it mean something else."""

from __future__ import annotations

import re

from ripple.radar.detection.vocabulary import (
    _AI_CONTEXT,
    _AI_NOUNS,
    AI_ARTEFACTS,
    AI_ARTEFACTS_NEEDLES,
    EVENT_LOGISTICS,
    MEDIUM,
    PERSON_PRONOUN,
    PROMPTING,
    PROMPTING_NEEDLES,
    STRONG,
    STRONG_TOOLS,
    STRONG_TOOLS_NEEDLES,
    TOOL_ACTS,
    TOOL_PARTS,
    WEAK,
    Term,
    _re,
)

NAMED: list[Term] = [
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
]
