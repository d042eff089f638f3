"""What every route reads from the request: the one ``Services`` container the app was built with."""

from __future__ import annotations

from fastapi import Request

from biseo.bootstrap import Services


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services
