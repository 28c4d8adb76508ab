from . import attachment
from . import acknowledgement
from . import portal
from . import pqrs_public
from . import complaints_book
from . import withdrawal
from . import acceptance
from . import channels
