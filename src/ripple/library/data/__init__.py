"""Data shipped with the library: prompts-chat.csv (see README.md)."""
