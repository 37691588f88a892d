#include "ServerSchema.h"

namespace xd::server {

QList<db::Migration> serverMigrations()
{
    // Conventions: ids are UUID text; times are UTC epoch milliseconds (BIGINT); booleans are SMALLINT 0/1
    // (identical on both engines); money is BIGINT fen. Every row belongs to a shop. Synced rows carry
    // `version` (the shop's change counter at their last write) and a `deleted` tombstone.
    return {
        db::Migration{
            1,
            QStringLiteral("shops and staff"),
            {
                QStringLiteral("CREATE TABLE shops ("
                               "id TEXT PRIMARY KEY, "
                               "name TEXT NOT NULL, "
                               "time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai', "
                               // The shop's change counter: bumped in the same transaction as every
                               // write to the shop's synced rows; desktops pull what changed since theirs.
                               "change_counter BIGINT NOT NULL DEFAULT 0 CHECK (change_counter >= 0), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE TABLE staff ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE RESTRICT, "
                               "login TEXT NOT NULL, "
                               "display_name TEXT NOT NULL, "
                               "role TEXT NOT NULL CHECK (role IN ('owner', 'clerk')), "
                               "password_hash TEXT NOT NULL, "
                               "disabled SMALLINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)), "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL, "
                               "UNIQUE (shop_id, login))"),
                QStringLiteral("CREATE INDEX staff_shop_version ON staff (shop_id, version)"),
            },
        },
    };
}

} // namespace xd::server
