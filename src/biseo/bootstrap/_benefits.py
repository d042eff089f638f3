"""Wiring of the benefits finder and 혜택알리미."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from biseo.bootstrap._cases import _notifiers
from biseo.bootstrap._core import Services, build_analyzer
from biseo.config import Settings
from biseo.services.benefit_alerts import BenefitAlerts
from biseo.services.benefits import BenefitService


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


def build_benefit_alerts(services: Services) -> BenefitAlerts:
    """혜택알리미 on the main database, sending through the configured e-mail relay and webhook."""
    from biseo.adapters.storage.benefit_store import SqlSubscriptionStore

    settings = services.settings
    return BenefitAlerts(
        SqlSubscriptionStore(services.database),
        services.benefits,
        {n.channel: n for n in _notifiers(settings, staff=False)},
        services.installation_secret,
        settings.public_url,
    )
