"""JSON API routes (Open API), one module per feature."""

from __future__ import annotations

from fastapi import APIRouter

from biseo.interfaces.http.api import (
    benefits,
    citations,
    complaints,
    documents,
    drafts,
    lint,
    search,
    summaries,
)

ROUTERS: tuple[APIRouter, ...] = (
    documents.router,
    search.router,
    complaints.router,
    benefits.router,
    lint.router,
    citations.router,
    summaries.router,
    drafts.router,
)
