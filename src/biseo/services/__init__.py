"""Use cases. They depend on the ports in ``biseo.services.ports``, never on concrete adapters."""
