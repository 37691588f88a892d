#pragma once

#include <QString>
#include <QStringList>

namespace xd::db {

// One step of a schema's history. Versions are numbered 1, 2, 3, ... and never change once released:
// a change to the schema is a new migration, never an edit of an old one (the Migrator refuses a
// database whose recorded name for a version differs from ours).
struct Migration
{
    int version = 0;
    QString name;
    QStringList statements; // portable SQL; Dialect::expand() placeholders allowed
};

} // namespace xd::db
