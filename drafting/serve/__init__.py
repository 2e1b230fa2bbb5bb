"""``drafting serve``: a local web page for clerks and an HTTP API for office systems.

:mod:`drafting.serve.app` builds the ASGI application; :mod:`drafting.serve.library` is the one
module that calls the rest of the package. Nothing here is imported by ``drafting --help``.
"""
