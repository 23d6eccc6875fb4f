"""CSV import and CSV / JSON Lines export of interactions: reading, parsing, importing, exporting.

Import reads a UTF-8 CSV with a header row (`reading.COLUMNS`; started_at and one of phone,
email, account required, other columns ignored), validates every row with one parser
(`parsing.RowParser`), matches rows to customers by their identifiers, and loads them in short
chunks that skip rows already imported (`importing`). Rejected rows come back with their
physical line number and the reason. Export (`exporting`) writes one line per interaction.
"""

from copilot.storage.transfer.exporting import (
    EXPORT_CSV_COLUMNS,
    ExportProgress,
    defuse_formula,
    export_file,
    export_format,
)
from copilot.storage.transfer.importing import ImportProgress, ImportReport, import_csv
from copilot.storage.transfer.parsing import FIELD_LIMITS, contact_key, parse_started_at
from copilot.storage.transfer.reading import COLUMNS, IDENTIFIER_COLUMNS

__all__ = [
    "COLUMNS",
    "EXPORT_CSV_COLUMNS",
    "FIELD_LIMITS",
    "IDENTIFIER_COLUMNS",
    "ExportProgress",
    "ImportProgress",
    "ImportReport",
    "contact_key",
    "defuse_formula",
    "export_file",
    "export_format",
    "import_csv",
    "parse_started_at",
]
