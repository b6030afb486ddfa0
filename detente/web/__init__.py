"""The explorer: a read-only local web app over the store (`detente serve`)."""
from .app import create_app

__all__ = ["create_app"]
