"""The HTTP edge: the app, authentication, the JSON API and the server-rendered pages."""
