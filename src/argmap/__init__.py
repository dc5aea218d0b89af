"""argmap: a desktop argument mapper for students and teachers."""

__version__ = "0.1.0"
