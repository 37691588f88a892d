#pragma once

#include <QString>

namespace xd {

// The one error vocabulary of the code base. Each code has a stable wire name (see errorCodeName)
// that clients branch on; messages are for people and may be translated.
enum class ErrorCode {
    InvalidArgument, // malformed or out-of-range input
    NotFound,
    AlreadyExists,
    Conflict, // a concurrent change or a rule of state forbids the operation
    Unauthenticated,
    PermissionDenied,
    Overflow, // an arithmetic result does not fit
    OutOfStock,
    Database,     // the storage engine failed
    SchemaTooNew, // the database was written by a newer program
    WrongKey,     // an encrypted file could not be opened with the key given
    Io,           // files, sockets
    Unavailable,  // a dependency (database, external service) is not reachable
    RateLimited,  // too many attempts; try again later
    Internal,     // a bug: an invariant did not hold
};

// Stable snake_case name for the wire and the logs, e.g. "invalid_argument".
QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    // "invalid_argument: amount has more than two decimals"
    QString toString() const;
};

} // namespace xd
