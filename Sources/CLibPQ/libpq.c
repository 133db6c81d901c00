// Loads libpq.so.5 with dlopen on first use and calls through the resolved pointers: VoxPop's
// default build then needs neither libpq's headers nor a link flag, and a machine without libpq
// builds and runs everything but the PostgreSQL store.
#define _GNU_SOURCE
#include "CLibPQ.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef voxpop_pq_conn PGconn;
typedef voxpop_pq_result PGresult;
typedef voxpop_pq_oid Oid;
/// PQnoticeReceiver.
typedef void (*notice_receiver)(void *arg, const PGresult *res);

// Every function VoxPop calls: (wrapper, libpq's name, return type, parameters, arguments).
// One list makes the table, the resolver and the wrappers, so none can miss a function.
#define VOXPOP_PQ_FUNCTIONS(X)                                                                               \
    X(voxpop_pq_connectdb, PQconnectdb, PGconn *, (const char *conninfo), (conninfo))                        \
    X(voxpop_pq_connectdb_params, PQconnectdbParams, PGconn *,                                                \
      (const char *const *keywords, const char *const *values, int expand_dbname),                            \
      (keywords, values, expand_dbname))                                                                     \
    X(voxpop_pq_status, PQstatus, int, (const PGconn *conn), (conn))                                         \
    X(voxpop_pq_error_message, PQerrorMessage, char *, (const PGconn *conn), (conn))                         \
    X(voxpop_pq_server_version, PQserverVersion, int, (const PGconn *conn), (conn))                          \
    X(voxpop_pq_lib_version, PQlibVersion, int, (void), ())                                                  \
    X(voxpop_pq_socket, PQsocket, int, (const PGconn *conn), (conn))                                         \
    X(voxpop_pq_setnonblocking, PQsetnonblocking, int, (PGconn * conn, int arg), (conn, arg))                \
    X(voxpop_pq_escape_identifier, PQescapeIdentifier, char *, (PGconn * conn, const char *str, size_t length), \
      (conn, str, length))                                                                                   \
    X(voxpop_pq_exec, PQexec, PGresult *, (PGconn * conn, const char *command), (conn, command))             \
    X(voxpop_pq_exec_params, PQexecParams, PGresult *,                                                       \
      (PGconn * conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, \
       const int *paramLengths, const int *paramFormats, int resultFormat),                                  \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))           \
    X(voxpop_pq_prepare, PQprepare, PGresult *,                                                              \
      (PGconn * conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes),          \
      (conn, stmtName, query, nParams, paramTypes))                                                          \
    X(voxpop_pq_exec_prepared, PQexecPrepared, PGresult *,                                                   \
      (PGconn * conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, \
       const int *paramFormats, int resultFormat),                                                           \
      (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))                      \
    X(voxpop_pq_result_status, PQresultStatus, int, (const PGresult *res), (res))                            \
    X(voxpop_pq_res_status, PQresStatus, char *, (int status), (status))                                     \
    X(voxpop_pq_result_error_message, PQresultErrorMessage, char *, (const PGresult *res), (res))            \
    X(voxpop_pq_result_error_field, PQresultErrorField, char *, (const PGresult *res, int fieldcode),         \
      (res, fieldcode))                                                                                      \
    X(voxpop_pq_ntuples, PQntuples, int, (const PGresult *res), (res))                                       \
    X(voxpop_pq_nfields, PQnfields, int, (const PGresult *res), (res))                                       \
    X(voxpop_pq_fname, PQfname, char *, (const PGresult *res, int column_number), (res, column_number))      \
    X(voxpop_pq_ftype, PQftype, Oid, (const PGresult *res, int column_number), (res, column_number))         \
    X(voxpop_pq_getvalue, PQgetvalue, char *, (const PGresult *res, int row_number, int column_number),      \
      (res, row_number, column_number))                                                                      \
    X(voxpop_pq_getlength, PQgetlength, int, (const PGresult *res, int row_number, int column_number),       \
      (res, row_number, column_number))                                                                      \
    X(voxpop_pq_getisnull, PQgetisnull, int, (const PGresult *res, int row_number, int column_number),       \
      (res, row_number, column_number))                                                                      \
    X(voxpop_pq_cmd_status, PQcmdStatus, char *, (PGresult * res), (res))                                    \
    X(voxpop_pq_cmd_tuples, PQcmdTuples, char *, (PGresult * res), (res))                                    \
    X(voxpop_pq_consume_input, PQconsumeInput, int, (PGconn * conn), (conn))                                 \
    X(voxpop_pq_is_busy, PQisBusy, int, (PGconn * conn), (conn))                                             \
    X(voxpop_pq_notifies, PQnotifies, voxpop_pq_notify *, (PGconn * conn), (conn))                           \
    X(voxpop_pq_enter_pipeline_mode, PQenterPipelineMode, int, (PGconn * conn), (conn))                      \
    X(voxpop_pq_exit_pipeline_mode, PQexitPipelineMode, int, (PGconn * conn), (conn))                        \
    X(voxpop_pq_pipeline_sync, PQpipelineSync, int, (PGconn * conn), (conn))                                 \
    X(voxpop_pq_send_query_params, PQsendQueryParams, int,                                                   \
      (PGconn * conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, \
       const int *paramLengths, const int *paramFormats, int resultFormat),                                  \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))           \
    X(voxpop_pq_send_query_prepared, PQsendQueryPrepared, int,                                               \
      (PGconn * conn, const char *stmtName, int nParams, const char *const *paramValues, const int *paramLengths, \
       const int *paramFormats, int resultFormat),                                                           \
      (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))                      \
    X(voxpop_pq_get_result, PQgetResult, PGresult *, (PGconn * conn), (conn))                                \
    X(voxpop_pq_flush, PQflush, int, (PGconn * conn), (conn))                                                \
    X(voxpop_pq_set_notice_receiver, PQsetNoticeReceiver, notice_receiver,                                   \
      (PGconn * conn, notice_receiver proc, void *arg), (conn, proc, arg))

// The three that return nothing, kept apart because C forbids `return f();` of a void f.
#define VOXPOP_PQ_VOID_FUNCTIONS(X)                                       \
    X(voxpop_pq_finish, PQfinish, void, (PGconn * conn), (conn))          \
    X(voxpop_pq_freemem, PQfreemem, void, (void *ptr), (ptr))             \
    X(voxpop_pq_clear, PQclear, void, (PGresult * res), (res))

struct library {
#define FIELD(wrapper, name, result, parameters, arguments) result(*name) parameters;
    VOXPOP_PQ_FUNCTIONS(FIELD)
    VOXPOP_PQ_VOID_FUNCTIONS(FIELD)
#undef FIELD
};

// Resolves every function in `handle` into `table`; on failure names the first one missing.
static int resolve(const char *soname, void *handle, struct library *table, char *error, size_t capacity) {
#define RESOLVE(wrapper, name, result, parameters, arguments)                                             \
    *(void **)&table->name = dlsym(handle, #name);                                                         \
    if (table->name == NULL) {                                                                             \
        snprintf(error, capacity, "%s lacks %s (VoxPop needs libpq 14 or later)", soname, #name);          \
        return VOXPOP_PQ_INCOMPATIBLE;                                                                     \
    }
    VOXPOP_PQ_FUNCTIONS(RESOLVE)
    VOXPOP_PQ_VOID_FUNCTIONS(RESOLVE)
#undef RESOLVE
    // The documentation lists ExecStatusType's values only by name and in order; PQresStatus
    // names each number, so a library whose numbers differ is refused here, not misread later.
    static const char *const statuses[] = {
        "PGRES_EMPTY_QUERY", "PGRES_COMMAND_OK",     "PGRES_TUPLES_OK",    "PGRES_COPY_OUT",
        "PGRES_COPY_IN",     "PGRES_BAD_RESPONSE",   "PGRES_NONFATAL_ERROR", "PGRES_FATAL_ERROR",
        "PGRES_COPY_BOTH",   "PGRES_SINGLE_TUPLE",   "PGRES_PIPELINE_SYNC", "PGRES_PIPELINE_ABORTED",
    };
    for (int status = 0; status < (int)(sizeof statuses / sizeof statuses[0]); status++) {
        const char *name = table->PQresStatus(status);
        if (name == NULL || strcmp(name, statuses[status]) != 0) {
            snprintf(error, capacity, "%s names result status %d %s, not %s", soname, status,
                     name ? name : "(null)", statuses[status]);
            return VOXPOP_PQ_INCOMPATIBLE;
        }
    }
    return VOXPOP_PQ_LOADED;
}

static int open_library(const char *soname, void **handle, struct library *table, char *error, size_t capacity) {
    // RTLD_LOCAL: libpq's symbols (and those it pulls in: OpenSSL, Kerberos, LDAP) stay out of
    // the global namespace, where they could clash with another copy in the process.
    *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (*handle == NULL) {
        const char *reason = dlerror();
        snprintf(error, capacity, "%s", reason ? reason : "dlopen failed");
        return VOXPOP_PQ_NOT_FOUND;
    }
    return resolve(soname, *handle, table, error, capacity);
}

static struct library pq;
static int load_outcome = VOXPOP_PQ_NOT_FOUND;
static char load_error[512] = "";
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *handle;
    load_outcome = open_library(VOXPOP_PQ_SONAME, &handle, &pq, load_error, sizeof load_error);
    if (load_outcome == VOXPOP_PQ_LOADED) {
        load_error[0] = '\0';
    } else if (handle != NULL) {
        dlclose(handle);
    }
    // A loaded libpq stays for the life of the process: connections hold its pointers.
}

int voxpop_pq_load(void) {
    // pthread_once also orders the table's writes before every caller's reads.
    pthread_once(&load_once, load);
    return load_outcome;
}

const char *voxpop_pq_load_error(void) {
    voxpop_pq_load();
    return load_error;
}

int voxpop_pq_probe(const char *soname, char *error, size_t capacity) {
    struct library scratch;
    void *handle;
    int outcome = open_library(soname, &handle, &scratch, error, capacity);
    if (outcome == VOXPOP_PQ_LOADED && capacity > 0) error[0] = '\0';
    if (handle != NULL) dlclose(handle);
    return outcome;
}

// libpq's default prints every notice on stderr, "NOTICE:  drop cascades to table t" among them.
// A server's log wants the warnings only; the severity field 'V' is never translated.
static void warnings_to_stderr(void *arg, const PGresult *res) {
    (void)arg;
    const char *severity = pq.PQresultErrorField(res, 'V');
    if (severity != NULL && strcmp(severity, "WARNING") == 0) {
        fprintf(stderr, "PostgreSQL %s", pq.PQresultErrorMessage(res));
    }
}

void voxpop_pq_keep_only_warnings(voxpop_pq_conn *conn) { pq.PQsetNoticeReceiver(conn, warnings_to_stderr, NULL); }

#define WRAPPER(wrapper, name, result, parameters, arguments) \
    result wrapper parameters { return pq.name arguments; }
VOXPOP_PQ_FUNCTIONS(WRAPPER)
#undef WRAPPER

#define VOID_WRAPPER(wrapper, name, result, parameters, arguments) \
    void wrapper parameters { pq.name arguments; }
VOXPOP_PQ_VOID_FUNCTIONS(VOID_WRAPPER)
#undef VOID_WRAPPER
