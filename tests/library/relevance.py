"""A labelled relevance set for library search over the real prompts.chat export (1,529 prompts).

Queries are written the way a person types them, not copied from titles: everyday phrasing, task
descriptions, synonyms and partial titles. Each lists the titles of the prompts that fit; a query
counts as a hit at rank k when one of them is the k-th result. `evaluate` is shared by the test
(tests/library/test_relevance.py) and `make bench` (tests/bench/library.py).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

QUERIES: list[tuple[str, list[str]]] = [
    ("help me prepare for a job interview", ["Interview Preparation Coach", "Job Interviewer"]),
    ("make my essay sound more academic",
     ["Academic Text Refinement Assistant", "Essay Writer", "AI Writing Tutor", "Academic Research Writer"]),
    ("improve academic writing",
     ["Academic Writing Workshop Plan", "Academic Text Refinement Assistant", "AI Writing Tutor",
      "Comprehensive Academic Paper Writing Guide", "Academic Research Writer"]),
    ("translate chinese text into english",
     ["Chinese to English Translation Assistant", "Chinese-English Translator",
      "Chinese to English Translation Proofreading Expert"]),
    ("correct my english spelling and grammar",
     ["English Translator and Improver", "Proofreader", "Multilingual Writing Improvement Assistant"]),
    ("review my pull request",
     ["Pull Request Review Assistant", "Draft PR to Ready to Review PR", "Code Review Assistant"]),
    ("write a cover letter for a job application",
     ["Cover Letter", "Dynamic Cover Letter Generator", "Act as a Job Application Reviewer"]),
    ("generate a git commit message",
     ["Commit Message Generator", "Conventional Commit Message Generator", "Commit Message Preparation",
      "Developer Work Analysis from Git Diff and Commit Message"]),
    ("simulate a linux terminal", ["Linux Terminal"]),
    ("plan a trip itinerary",
     ["Travel Guide", "Travel Planner Prompt", "Create a detailed travel itinerary in HTML format",
      "Custom Travel Plan Generator", "AI Travel Agent – Interview-Driven Planner"]),
    ("summarize a long article",
     ["Article Summarizer", "Article Summary and Comprehension", "Article Summary Prompt",
      "Text Summarizer"]),
    ("write sql queries from plain english",
     ["SQL Query Generator from Natural Language", "AI2sql SQL Model — Query Generator",
      "SQL Query Builder & Optimiser"]),
    ("create a workout plan for me", ["Personal Trainer", "Virtual Fitness Coach",
      "Remote Worker Fitness Trainer"]),
    ("healthy diet and meal advice", ["Dietitian", "Nutritionist", "calories diet"]),
    ("improve my resume",
     ["Act as a Resume Reviewer", "Resume tailoring", "Resume Quality Reviewer – Green Flag Edition",
      "ATS Resume Scanner Simulator", "CV Writing Assistant",
      "Resume Customization Prompt – STRATEGIC INTEGRITY",
      "Act as a Resume Reviewer for Anthropic Fellows Program"]),
    ("write unit tests for my python code",
     ["Python Unit Test Generator — Comprehensive, Coverage-Mapped & Production-Ready",
      "Unit Tester Assistant"]),
    ("explain it to me like I am a kid", ["explain like I am 8", "Explainer with Analogies"]),
    ("find security vulnerabilities in my code",
     ["Python Security Vulnerability Auditor (OWASP-Mapped & Production-Hardened)",
      "Vulnerability Auditor Agent Role", "Website Security Vulnerability Checker",
      "Analyze code scanning security issues and dependency updates if vulnerable",
      "want to analyze security issues and vulnerabilities and fixes", "Diff Security Auditor Agent Role"]),
    ("write a bedtime story for children",
     ["Children's Book Creator", "Children's Story about Apples", "Storyteller", "Story Generator"]),
    ("build a regular expression", ["RegEx Generator"]),
    ("keep me motivated", ["Motivational Coach", "Motivational Speaker"]),
    ("practice speaking english",
     ["Spoken English Teacher and Improver", "Workplace English Speaking Coach", "English Practice App Guide",
      "Voice Conversation Coach"]),
    ("prompts for midjourney images", ["Midjourney Prompt Generator"]),
    ("write a professional email",
     ["Professional Email Writer for Any Occasion", "emails Professionals",
      "Secteur Bancaire - Email Professionnel"]),
    ("cold email to sell my product", ["High Conversion Cold Email", "Salesperson", "Email Marketing"]),
    ("play chess with me", ["Chess Player", "Chess Game"]),
    ("turn a pdf into markdown", ["Convert PDF to Markdown"]),
    ("write my linkedin summary",
     ["LinkedIn Summary Crafting Prompt", "LinkedIn: About/Summary draft prompt", "LinkedIn Ghostwriter",
      "Linkedin profile enhancing"]),
    ("analyze the stock market",
     ["Stock Market Analysis Expert", "Stock Market Analyst: Market Move Suggestions", "Stock Analyser",
      "Super Trader Model for Stock Analysis", "Financial Analyst"]),
    ("seo for my website",
     ["SEO specialist", "SEO Prompt", "SEO Auditor Agent Role", "SEO Optimization Agent Role",
      "seo-fundamentals",
      "SEO diagnosis", "Internal Linking SEO Assistant", "Professional Website Design Consultant"]),
    ("design a logo for my brand",
     ["Custom Logo Design for Website", "logo designer", "Futuristic Supercar Brand Logo",
      "Neon Logo Design for Streaming Platform", "Creative Branding Strategist"]),
    ("blank page after deploying my react app",
     ["Fix Blank Screen Issues After Deploy on Vercel (Angular, React, Vite)",
      "Senior Frontend Debugger for SPA Websites (Angular, React, Vite)"]),
    ("write song lyrics",
     ["Create Satirical and Bold Song Lyrics", "Minimax Music & Lyrics Generation", "Rapper", "Composer"]),
    ("review a contract for risks",
     ["Trade Contract Review Expert", "Legal Advisor", "Business Legal Assistant", "Startup Tech Lawyer"]),
    ("literature review for my thesis",
     ["Literature Review Writing Assistant", "Exploring Gaps in Thesis Writing Literature with ChatGPT",
      "Bibliographic Review Writing Assistant"]),
    ("five whys root cause", ["Root Cause Architect (5 Whys Technique)", "Root Cause Analysis Agent Role"]),
    ("make ai text sound human",
     ["Prompt for Humanizing AI Text (English Version)", "Make AI responses sound more Human-like",
      "Make AI write naturally", "Lower AI Generation Rate"]),
    ("make my prompt better",
     ["Prompt Enhancer", "Prompt Optimization", "Iterative Prompt Refinement Loop", "Prompt Architect Pro",
      "4 Optimized Versions of A Prompt (in Arabic)", "Generate an enhanced command prompt"]),
    ("devops engineer for ci/cd pipelines",
     ["Devops Engineer", "DevOps Automator", "DevOps Automator Agent Role", "Comprehensive DevOps Guide",
      "CI/CD Strategy for SpringBoot REST APIs Deployment"]),
    ("study plan for my exams",
     ["Study planner", "studying for exam", "Deep Immersion Study Plan (7 Days)", "Study Review Companion"]),
    ("powershell script for active directory users",
     ["PowerShell Script for Managing Disabled AD Users",
      "PowerShell Script to Move Disabled AD Users to Specific OU"]),
    ("diagnose my symptoms like a doctor", ["Doctor", "AI Assisted Doctor", "Virtual Doctor",
      "Medical Consultant"]),
    ("brainstorm startup ideas",
     ["Startup Idea Generator", "Brainstorming Technically Grounded Product Ideas",
      "Creative Ideas Generator"]),
    ("track my budget", ["Budget Tracker", "Finance Tracker App Development Plan"]),
    ("learn spanish", ["Learn to Speak Spanish"]),
    ("summarize meeting notes", ["Default Meeting Summary", "Note-Taking assistant", "transcript_to_notes"]),
    ("refactor messy code",
     ["Refactoring Expert Agent Role", "Improve the following code",
      "Dead Code Surgeon - Phased Codebase Audit & Cleanup Roadmap",
      "Python Code Performance & Quality Enhancer"]),
    ("generate a strong password", ["Password Generator", "Secure Password Generator Tool"]),
    ("play a text adventure game", ["Text Based Adventure Game",
      "Eerie Shadows: A Creepy Horror RPG Adventure"]),
    ("recipe with the ingredients i have",
     ["Dynamic Recipe Generator from Available Ingredients",
      "iOS Recipe Generator: Create Recipes from Available Ingredients",
      "Recipe Finder", "Constraint-First Recipe Generator (Playful Edition)"]),
]  # fmt: skip


@dataclass
class Scores:
    top1: float
    top5: float
    mrr: float
    misses: list[str] = field(default_factory=list)  # queries with no fitting prompt in the top 5

    def line(self) -> str:
        return f"top-1 {self.top1:.0%}, top-5 {self.top5:.0%}, MRR {self.mrr:.2f} over {len(QUERIES)} queries"


def _tidy(title: str) -> str:
    return " ".join(title.split()).casefold()


def evaluate(search: Callable[[str], list[str]]) -> Scores:
    """`search(query)` returns result titles, best first (at least five when there are five)."""
    ranks: list[int | None] = []
    misses = []
    for query, fitting in QUERIES:
        wanted = {_tidy(t) for t in fitting}
        titles = [_tidy(t) for t in search(query)[:5]]
        rank = next((i + 1 for i, t in enumerate(titles) if t in wanted), None)
        ranks.append(rank)
        if rank is None:
            misses.append(f"{query!r}: got {titles[:3]}")
    return Scores(
        top1=sum(r == 1 for r in ranks) / len(ranks),
        top5=sum(r is not None for r in ranks) / len(ranks),
        mrr=statistics.fmean(1 / r if r else 0.0 for r in ranks),
        misses=misses,
    )
