"""Adapters: concrete storage, parsers, search engines and clients behind the services' ports."""
