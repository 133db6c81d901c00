// libpq, PostgreSQL's client library, loaded at run time so that building VoxPop needs no libpq
// headers and running it without PostgreSQL needs no libpq at all (docs/postgres-client.md).
//
// Nothing here comes from libpq's headers: the types are opaque, and every name and value below
// is one that libpq's documentation gives (<https://www.postgresql.org/docs/15/libpq.html>), or,
// for the status enums whose numbers the documentation lists only in order, checked against the
// loaded library itself when it loads (see voxpop_pq_load).
#ifndef CLIBPQ_H
#define CLIBPQ_H

#include <stddef.h>

/// PGconn: one connection to a server.
typedef struct voxpop_pq_conn voxpop_pq_conn;
/// PGresult: the outcome of one command; read-only once made, so it may cross threads.
typedef struct voxpop_pq_result voxpop_pq_result;
/// Oid: a type's object identifier (the pg_type catalog's numbers, such as 17 for bytea).
typedef unsigned int voxpop_pq_oid;

/// PGnotify, with the three fields the documentation shows (section 34.9). libpq allocates it and
/// may keep private fields after these; VoxPop only reads through pointers libpq hands out.
typedef struct {
    char *relname;  // the channel
    int be_pid;  // the notifying server process
    char *extra;  // the payload
} voxpop_pq_notify;

/// ConnStatusType: the only two values seen outside an asynchronous connect.
enum {
    VOXPOP_PQ_CONNECTION_OK = 0,
    VOXPOP_PQ_CONNECTION_BAD = 1,
};

/// ExecStatusType, in the documentation's order; the loader checks each number against
/// PQresStatus, so a libpq that numbered them differently would refuse to load.
enum {
    VOXPOP_PGRES_EMPTY_QUERY = 0,
    VOXPOP_PGRES_COMMAND_OK = 1,
    VOXPOP_PGRES_TUPLES_OK = 2,
    VOXPOP_PGRES_COPY_OUT = 3,
    VOXPOP_PGRES_COPY_IN = 4,
    VOXPOP_PGRES_BAD_RESPONSE = 5,
    VOXPOP_PGRES_NONFATAL_ERROR = 6,
    VOXPOP_PGRES_FATAL_ERROR = 7,
    VOXPOP_PGRES_COPY_BOTH = 8,
    VOXPOP_PGRES_SINGLE_TUPLE = 9,
    VOXPOP_PGRES_PIPELINE_SYNC = 10,
    VOXPOP_PGRES_PIPELINE_ABORTED = 11,
};

/// PQresultErrorField's field codes: the protocol's error field type bytes (section 55.8).
enum {
    VOXPOP_PG_DIAG_SEVERITY = 'S',
    VOXPOP_PG_DIAG_SQLSTATE = 'C',
    VOXPOP_PG_DIAG_MESSAGE_PRIMARY = 'M',
    VOXPOP_PG_DIAG_MESSAGE_DETAIL = 'D',
    VOXPOP_PG_DIAG_MESSAGE_HINT = 'H',
    VOXPOP_PG_DIAG_CONSTRAINT_NAME = 'n',
};

/// What voxpop_pq_load and voxpop_pq_probe found.
enum {
    VOXPOP_PQ_LOADED = 0,
    /// dlopen failed: no such library on the loader's path.
    VOXPOP_PQ_NOT_FOUND = 1,
    /// The library opened but lacks a function VoxPop calls (libpq before 14 has no pipeline
    /// mode) or numbers its result statuses differently.
    VOXPOP_PQ_INCOMPATIBLE = 2,
};

/// The soname loaded: Debian's libpq5 package.
#define VOXPOP_PQ_SONAME "libpq.so.5"

/// Loads libpq.so.5 and resolves every function below, once for the process (later calls return
/// the first outcome at once; safe from any thread). Returns VOXPOP_PQ_LOADED or why not.
int voxpop_pq_load(void);
/// Why the load failed (dlerror's text, or the missing function), or "" after a good load.
const char *voxpop_pq_load_error(void);
/// Tries to load `soname` as voxpop_pq_load would, into a scratch table, then unloads it; the
/// process's own libpq is untouched. For tests of a missing or wrong library, and diagnostics.
/// Copies the reason into `error` (NUL-terminated, truncated to `capacity`).
int voxpop_pq_probe(const char *soname, char *error, size_t capacity);

// Thin wrappers: each calls the libpq function of the same name (PQconnectdb for
// voxpop_pq_connectdb, and so on). Call them only after voxpop_pq_load returned VOXPOP_PQ_LOADED.

voxpop_pq_conn *voxpop_pq_connectdb(const char *conninfo);
voxpop_pq_conn *voxpop_pq_connectdb_params(const char *const *keywords, const char *const *values, int expand_dbname);
int voxpop_pq_status(const voxpop_pq_conn *conn);
char *voxpop_pq_error_message(const voxpop_pq_conn *conn);
void voxpop_pq_finish(voxpop_pq_conn *conn);
int voxpop_pq_server_version(const voxpop_pq_conn *conn);
int voxpop_pq_lib_version(void);
int voxpop_pq_socket(const voxpop_pq_conn *conn);
int voxpop_pq_setnonblocking(voxpop_pq_conn *conn, int arg);
char *voxpop_pq_escape_identifier(voxpop_pq_conn *conn, const char *str, size_t length);
void voxpop_pq_freemem(void *ptr);

voxpop_pq_result *voxpop_pq_exec(voxpop_pq_conn *conn, const char *command);
voxpop_pq_result *voxpop_pq_exec_params(voxpop_pq_conn *conn, const char *command, int nParams,
                                        const voxpop_pq_oid *paramTypes, const char *const *paramValues,
                                        const int *paramLengths, const int *paramFormats, int resultFormat);
voxpop_pq_result *voxpop_pq_prepare(voxpop_pq_conn *conn, const char *stmtName, const char *query, int nParams,
                                    const voxpop_pq_oid *paramTypes);
voxpop_pq_result *voxpop_pq_exec_prepared(voxpop_pq_conn *conn, const char *stmtName, int nParams,
                                          const char *const *paramValues, const int *paramLengths,
                                          const int *paramFormats, int resultFormat);

int voxpop_pq_result_status(const voxpop_pq_result *res);
char *voxpop_pq_res_status(int status);
char *voxpop_pq_result_error_message(const voxpop_pq_result *res);
char *voxpop_pq_result_error_field(const voxpop_pq_result *res, int fieldcode);
int voxpop_pq_ntuples(const voxpop_pq_result *res);
int voxpop_pq_nfields(const voxpop_pq_result *res);
char *voxpop_pq_fname(const voxpop_pq_result *res, int column_number);
voxpop_pq_oid voxpop_pq_ftype(const voxpop_pq_result *res, int column_number);
char *voxpop_pq_getvalue(const voxpop_pq_result *res, int row_number, int column_number);
int voxpop_pq_getlength(const voxpop_pq_result *res, int row_number, int column_number);
int voxpop_pq_getisnull(const voxpop_pq_result *res, int row_number, int column_number);
char *voxpop_pq_cmd_status(voxpop_pq_result *res);
char *voxpop_pq_cmd_tuples(voxpop_pq_result *res);
void voxpop_pq_clear(voxpop_pq_result *res);

int voxpop_pq_consume_input(voxpop_pq_conn *conn);
int voxpop_pq_is_busy(voxpop_pq_conn *conn);
voxpop_pq_notify *voxpop_pq_notifies(voxpop_pq_conn *conn);

int voxpop_pq_enter_pipeline_mode(voxpop_pq_conn *conn);
int voxpop_pq_exit_pipeline_mode(voxpop_pq_conn *conn);
int voxpop_pq_pipeline_sync(voxpop_pq_conn *conn);
int voxpop_pq_send_query_params(voxpop_pq_conn *conn, const char *command, int nParams,
                                const voxpop_pq_oid *paramTypes, const char *const *paramValues,
                                const int *paramLengths, const int *paramFormats, int resultFormat);
int voxpop_pq_send_query_prepared(voxpop_pq_conn *conn, const char *stmtName, int nParams,
                                  const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                                  int resultFormat);
voxpop_pq_result *voxpop_pq_get_result(voxpop_pq_conn *conn);
int voxpop_pq_flush(voxpop_pq_conn *conn);

/// Replaces libpq's notice receiver, which prints every notice on stderr, with one that prints
/// only warnings (via PQsetNoticeReceiver).
void voxpop_pq_keep_only_warnings(voxpop_pq_conn *conn);

#endif
