"""biseo (비서): knowledge, drafting and case handling for Korean public administration.

Importing this package is deliberately cheap: no database, parser or web framework
is loaded until a service that needs it is built (see ``biseo.bootstrap``).
"""

__version__ = "0.1.0"
