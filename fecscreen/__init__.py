"""fecscreen: find foreign-national and other prohibited money in FEC data.

The library is the product; the ``fecscreen`` command is a thin layer over it.
"""

from fecscreen.errors import FecscreenError
from fecscreen.store import Store, open_store

__version__ = "0.1.0"

__all__ = ["FecscreenError", "Store", "open_store", "__version__"]
