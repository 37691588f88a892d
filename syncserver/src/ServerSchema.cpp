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
        db::Migration{
            2,
            QStringLiteral("shop profile, photos, sessions, sync clients, audit log"),
            {
                // The shop's display page; one row per shop, synced as entity "shop" (its version lives here).
                QStringLiteral("CREATE TABLE shop_profiles ("
                               "shop_id TEXT PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE, "
                               "intro TEXT NOT NULL DEFAULT '', "
                               "service_items TEXT NOT NULL DEFAULT '[]', "
                               "opening_hours TEXT NOT NULL DEFAULT '[]', "
                               "address TEXT NOT NULL DEFAULT '', "
                               "latitude_e6 BIGINT, "
                               "longitude_e6 BIGINT, "
                               "phones TEXT NOT NULL DEFAULT '[]', "
                               "customer_service TEXT NOT NULL DEFAULT '{}', "
                               "version BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                // Uploaded files, addressed by content: the same image uploaded twice is stored once.
                QStringLiteral("CREATE TABLE blobs ("
                               "sha256 TEXT PRIMARY KEY, "
                               "content_type TEXT NOT NULL, "
                               "bytes BIGINT NOT NULL, "
                               "data {blob} NOT NULL, "
                               "created_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE TABLE shop_photos ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "position INTEGER NOT NULL, "
                               "blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256), "
                               "content_type TEXT NOT NULL, "
                               "width INTEGER NOT NULL, "
                               "height INTEGER NOT NULL, "
                               "bytes BIGINT NOT NULL, "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX shop_photos_shop_version ON shop_photos (shop_id, version)"),
                // Staff sign-in sessions: only the SHA-256 of the token is stored.
                QStringLiteral("CREATE TABLE staff_sessions ("
                               "token_hash TEXT PRIMARY KEY, "
                               "staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "created_at_ms BIGINT NOT NULL, "
                               "expires_at_ms BIGINT NOT NULL, "
                               "revoked_at_ms BIGINT)"),
                QStringLiteral("CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id)"),
                // Failed sign-ins per key ("account:<shop>/<login>" or "ip:<address>"): slow down, then lock.
                QStringLiteral("CREATE TABLE login_failures ("
                               "throttle_key TEXT PRIMARY KEY, "
                               "failures INTEGER NOT NULL, "
                               "last_failure_at_ms BIGINT NOT NULL, "
                               "locked_until_ms BIGINT NOT NULL DEFAULT 0)"),
                // One row per desktop cache: the last mutation id processed, for exactly-once pushes.
                QStringLiteral("CREATE TABLE sync_clients ("
                               "client_id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE, "
                               "last_mutation_id BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE TABLE sync_rejections ("
                               "client_id TEXT NOT NULL REFERENCES sync_clients(client_id) ON DELETE CASCADE, "
                               "mid BIGINT NOT NULL, "
                               "code TEXT NOT NULL, "
                               "message TEXT NOT NULL, "
                               "PRIMARY KEY (client_id, mid))"),
                // Who did what, when: every operation that changes a shop appends one row.
                QStringLiteral("CREATE TABLE audit_log ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "staff_id TEXT, "
                               "operation TEXT NOT NULL, "
                               "detail TEXT NOT NULL, "
                               "version BIGINT NOT NULL, "
                               "at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX audit_log_shop_at ON audit_log (shop_id, at_ms)"),
                // Existing shops get a profile row at a new version, so that every desktop pulls it.
                QStringLiteral("UPDATE shops SET change_counter = change_counter + 1"),
                QStringLiteral("INSERT INTO shop_profiles (shop_id, version, updated_at_ms) "
                               "SELECT id, change_counter, updated_at_ms FROM shops"),
            },
        },
        db::Migration{
            3,
            QStringLiteral("pull indexes cover (version, id)"),
            {
                // A pull resumes inside a version with "version = ? AND id > ?": without id in the index, every page
                // rescanned all rows of that version (an import writes thousands at one version).
                QStringLiteral("DROP INDEX staff_shop_version"),
                QStringLiteral("CREATE INDEX staff_shop_version_id ON staff (shop_id, version, id)"),
                QStringLiteral("DROP INDEX shop_photos_shop_version"),
                QStringLiteral("CREATE INDEX shop_photos_shop_version_id ON shop_photos (shop_id, version, id)"),
            },
        },
        db::Migration{
            4,
            QStringLiteral("catalog: categories, products, SKUs, search grams"),
            {
                // Two levels: a top-level category has no parent; a child's parent is top-level (checked in
                // CatalogCommands). Tombstoned, never removed, so references from products stay valid.
                QStringLiteral("CREATE TABLE categories ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "parent_id TEXT REFERENCES categories(id), "
                               "name TEXT NOT NULL, "
                               "icon TEXT NOT NULL DEFAULT '', "
                               "position INTEGER NOT NULL, "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX categories_shop_version_id ON categories (shop_id, version, id)"),
                QStringLiteral("CREATE INDEX categories_shop_parent ON categories (shop_id, parent_id, position)"),
                // top_category_id is the top-level category the product sits under (its own category when that is
                // top-level), so that filtering by a top-level category includes its children through one index.
                // min_price_fen (the cheapest SKU) and stock_total are kept by product.save for sorting and the
                // list's stock state; search_text is SearchText::normalize(name + subtitle + keywords).
                QStringLiteral("CREATE TABLE products ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "category_id TEXT REFERENCES categories(id), "
                               "top_category_id TEXT REFERENCES categories(id), "
                               "name TEXT NOT NULL, "
                               "subtitle TEXT NOT NULL DEFAULT '', "
                               "keywords TEXT NOT NULL DEFAULT '', "
                               "description TEXT NOT NULL DEFAULT '', "
                               "images TEXT NOT NULL DEFAULT '[]', "
                               "on_shelf SMALLINT NOT NULL DEFAULT 0 CHECK (on_shelf IN (0, 1)), "
                               "sort_weight BIGINT NOT NULL DEFAULT 0, "
                               "sales_count BIGINT NOT NULL DEFAULT 0 CHECK (sales_count >= 0), "
                               "min_price_fen BIGINT NOT NULL CHECK (min_price_fen >= 0), "
                               "stock_total BIGINT NOT NULL CHECK (stock_total >= 0), "
                               "search_text TEXT NOT NULL, "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX products_shop_version_id ON products (shop_id, version, id)"),
                // The merchant's list (every shelf state), newest first.
                QStringLiteral("CREATE INDEX products_shop_created ON products (shop_id, created_at_ms, id) "
                               "WHERE deleted = 0"),
                // The mini-program's list: one index per sort key (each serves both directions), for the whole shop,
                // a top-level category and a child category. Partial, so hidden products cost nothing to skip.
                QStringLiteral("CREATE INDEX products_live_weight ON products (shop_id, sort_weight, id) "
                               "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral("CREATE INDEX products_live_created ON products (shop_id, created_at_ms, id) "
                               "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral("CREATE INDEX products_live_sales ON products (shop_id, sales_count, id) "
                               "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral("CREATE INDEX products_live_price ON products (shop_id, min_price_fen, id) "
                               "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_top_weight ON products (shop_id, top_category_id, sort_weight, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_top_created ON products (shop_id, top_category_id, created_at_ms, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_top_sales ON products (shop_id, top_category_id, sales_count, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_top_price ON products (shop_id, top_category_id, min_price_fen, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_cat_weight ON products (shop_id, category_id, sort_weight, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_cat_created ON products (shop_id, category_id, created_at_ms, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_cat_sales ON products (shop_id, category_id, sales_count, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral(
                    "CREATE INDEX products_live_cat_price ON products (shop_id, category_id, min_price_fen, id) "
                    "WHERE deleted = 0 AND on_shelf = 1"),
                QStringLiteral("CREATE TABLE product_skus ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "product_id TEXT NOT NULL REFERENCES products(id), "
                               "position INTEGER NOT NULL, "
                               "specs TEXT NOT NULL DEFAULT '{}', "
                               "price_fen BIGINT NOT NULL CHECK (price_fen >= 0), "
                               "original_price_fen BIGINT NOT NULL DEFAULT 0 CHECK (original_price_fen >= 0), "
                               "stock BIGINT NOT NULL CHECK (stock >= 0), "
                               "code TEXT NOT NULL DEFAULT '', "
                               "image TEXT NOT NULL DEFAULT '', "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX product_skus_product ON product_skus (product_id, position)"),
                QStringLiteral("CREATE INDEX product_skus_shop_version_id ON product_skus (shop_id, version, id)"),
                // The search index (xd::SearchText): every unigram and bigram of a live product's search_text.
                // Server-only and never synced; written in the same transaction as the product.
                QStringLiteral("CREATE TABLE product_search_grams ("
                               "shop_id TEXT NOT NULL, "
                               "gram TEXT NOT NULL, "
                               "product_id TEXT NOT NULL, "
                               "PRIMARY KEY (shop_id, gram, product_id)){without_rowid}"),
            },
        },
        db::Migration{
            5,
            QStringLiteral("search trigrams"),
            {
                // product_search_grams also keeps every trigram of search_text (SearchText::indexGrams): a term of 3+
                // characters is looked up by its trigrams, which stay selective when all its pairs are common (a model
                // number "x12345"). Existing live products get theirs here, in portable SQL: substr and length count
                // characters (code points) on both engines, as SearchText does; trigrams holding a space are skipped.
                QStringLiteral("WITH RECURSIVE pos (shop_id, product_id, t, i) AS ("
                               "SELECT shop_id, id, search_text, 1 FROM products "
                               "WHERE deleted = 0 AND length(search_text) >= 3 "
                               "UNION ALL SELECT shop_id, product_id, t, i + 1 FROM pos WHERE i + 3 <= length(t)) "
                               "INSERT INTO product_search_grams (shop_id, gram, product_id) "
                               "SELECT DISTINCT shop_id, substr(t, i, 3), product_id FROM pos "
                               "WHERE substr(t, i, 3) NOT LIKE '% %' ON CONFLICT DO NOTHING"),
            },
        },
    };
}

} // namespace xd::server
