// The system's SQLite (Debian: libsqlite3-dev), wrapped so Swift can import it as CSQLite.
#include <sqlite3.h>
