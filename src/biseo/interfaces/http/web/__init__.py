"""Server-rendered pages, one module per feature."""

from __future__ import annotations

from fastapi import APIRouter

from biseo.interfaces.http.web import benefits, complaints, drafts, search

ROUTERS: tuple[APIRouter, ...] = (search.router, complaints.router, benefits.router, drafts.router)
