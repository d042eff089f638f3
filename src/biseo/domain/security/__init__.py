"""보안: who may call what (public, staff, API clients with scopes) and how often (abuse limits)."""
