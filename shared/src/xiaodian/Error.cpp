#include "xiaodian/Error.h"

namespace xd {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid_argument");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::AlreadyExists:
        return QStringLiteral("already_exists");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission_denied");
    case ErrorCode::Overflow:
        return QStringLiteral("overflow");
    case ErrorCode::OutOfStock:
        return QStringLiteral("out_of_stock");
    case ErrorCode::Database:
        return QStringLiteral("database_error");
    case ErrorCode::SchemaTooNew:
        return QStringLiteral("schema_too_new");
    case ErrorCode::WrongKey:
        return QStringLiteral("wrong_key");
    case ErrorCode::Io:
        return QStringLiteral("io_error");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Error::toString() const
{
    return errorCodeName(code) + QStringLiteral(": ") + message;
}

} // namespace xd
