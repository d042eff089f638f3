"""Health, the OpenAPI description, the API docs page and the static files — all served by biseo
itself (no CDN: a 망분리 office network reaches nothing outside)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from biseo import __version__
from biseo.interfaces.http.access import public

router = APIRouter(include_in_schema=False)
_STATIC = Path(__file__).parent / "web" / "static"
_TYPES = {".css": "text/css", ".js": "text/javascript", ".png": "image/png"}
_OWN = {p.name for p in _STATIC.iterdir() if p.suffix in _TYPES} if _STATIC.is_dir() else set()
_SWAGGER = {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"}

_DOCS_PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>biseo (비서) API 문서</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
<link rel="icon" href="/static/swagger/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script></body></html>"""


@router.get("/v1/health", tags=["system"], include_in_schema=True, dependencies=[public()])
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.get("/openapi.json", dependencies=[public()])
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", dependencies=[public()])
def docs() -> HTMLResponse:
    return HTMLResponse(_DOCS_PAGE)


@router.get("/redoc", dependencies=[public()])
def redoc() -> Response:
    return Response(status_code=307, headers={"location": "/docs"})


@router.get("/static/swagger/{name}", dependencies=[public()])
def swagger_file(name: str) -> Response:
    from swagger_ui_bundle import swagger_ui_path

    if name not in _SWAGGER:
        return Response(status_code=404)
    path = Path(str(swagger_ui_path)) / name
    return FileResponse(path, media_type=_TYPES[path.suffix], headers={"Cache-Control": "max-age=86400"})


@router.get("/static/{name}", dependencies=[public()])
def static_file(name: str) -> Response:
    """The pages' own stylesheets and scripts (shipped in the package)."""
    if name not in _OWN:
        return Response(status_code=404)
    path = _STATIC / name
    return FileResponse(path, media_type=_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})
