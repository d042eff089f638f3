"""보안: API clients and their keys, abuse limits kept in the store, the request audit log."""
