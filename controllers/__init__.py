from . import attachment
from . import portal
from . import pqrs_public
