"""Imported only inside the ``forkserver`` process (see ``worker_processes``): it dies with its parent."""

from biseo.services.worker_processes import die_with_parent

die_with_parent()
