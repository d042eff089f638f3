"""AI 거버넌스 use cases: the language-model guard, prompts, and the AI audit trail."""
