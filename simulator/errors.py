"""Errors the core raises on purpose; each message says what the user can do about it."""


class CallbackError(Exception):
    """Base class for errors with a message meant for the user."""


class ModelUnavailableError(CallbackError):
    """A model package is missing or a model server cannot be reached."""


class IndexNotReadyError(CallbackError):
    """The guidance index is missing, corrupt or built for another embedding model."""


class SessionNotFoundError(CallbackError):
    """No such practice session."""


class InvalidInputError(CallbackError):
    """Input that cannot be accepted as it is (too long, wrong shape)."""


class InputTooLargeError(InvalidInputError):
    """Input over a size limit (an answer, a document)."""


class SessionFinishedError(CallbackError):
    """The session has no open question to answer."""
