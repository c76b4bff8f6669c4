"""Adversarial privacy and access tests: whoever may not see a thing never finds it anywhere."""
