from . import test_access
from . import test_completeness
from . import test_first_contact
from . import test_i18n
from . import test_indicators
from . import test_lifecycle
from . import test_tour
