"""Wiring of the benefits finder and 혜택알리미 (builds only on ``bootstrap.adapters``)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from biseo.bootstrap.adapters import build_analyzer, build_notifiers
from biseo.config import Settings
from biseo.services.benefits.alerts import BenefitAlerts
from biseo.services.benefits.service import BenefitService

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database


def build_benefits(settings: Settings) -> BenefitService:
    from biseo.adapters.eligibility import catalog_files, numpy_screen

    paths = [Path(p).expanduser() for p in settings.benefits_catalog.split(os.pathsep) if p.strip()]
    loaded = catalog_files.load_catalog(paths)
    for problem in loaded.skipped[:20]:
        logging.getLogger(__name__).warning("benefits catalog: skipped %s", problem)
    return BenefitService(loaded.services, loaded.rules, numpy_screen.CompiledCatalog, build_analyzer())


def rule_tests(directory: Path) -> dict[str, Any]:
    from biseo.adapters.eligibility.rule_files import run_rule_dir  # reviewed YAML rules and their cases

    return run_rule_dir(directory)


def build_benefit_alerts(
    settings: Settings, database: Database, benefits: BenefitService, secret: bytes
) -> BenefitAlerts:
    """혜택알리미 on the main database, sending through the configured e-mail relay and webhook."""
    from biseo.adapters.storage.benefit_store import SqlSubscriptionStore

    return BenefitAlerts(
        SqlSubscriptionStore(database),
        benefits,
        {n.channel: n for n in build_notifiers(settings, staff=False)},
        secret,
        settings.public_url,
    )
