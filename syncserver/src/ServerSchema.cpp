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
        db::Migration{
            6,
            QStringLiteral("catalog images"),
            {
                // A shop's uploaded catalog images (product pictures, SKU pictures, article covers). The same bytes
                // uploaded again by the shop are the same row (UNIQUE); such an upload only moves last_upload_at_ms,
                // from which `syncserver images gc` counts its grace period before it deletes an unreferenced row.
                // Not synced: desktops get the id and URLs from the upload's answer. Each size is a blob: the original, the detail page's picture (≤ 750 px)
                // and the list thumbnail (≤ 240 px); a picture no larger than a size is its own rendition.
                QStringLiteral("CREATE TABLE images ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256), "
                               "content_type TEXT NOT NULL, "
                               "width INTEGER NOT NULL, "
                               "height INTEGER NOT NULL, "
                               "bytes BIGINT NOT NULL, "
                               "medium_sha256 TEXT NOT NULL REFERENCES blobs(sha256), "
                               "medium_width INTEGER NOT NULL, "
                               "medium_height INTEGER NOT NULL, "
                               "thumb_sha256 TEXT NOT NULL REFERENCES blobs(sha256), "
                               "thumb_width INTEGER NOT NULL, "
                               "thumb_height INTEGER NOT NULL, "
                               "uploaded_by TEXT, "
                               "created_at_ms BIGINT NOT NULL, "
                               "last_upload_at_ms BIGINT NOT NULL, "
                               "UNIQUE (shop_id, blob_sha256))"),
                QStringLiteral("CREATE INDEX images_shop_last_upload ON images (shop_id, last_upload_at_ms)"),
                // The collector asks "does anything still name this blob?" for each blob it might delete.
                QStringLiteral("CREATE INDEX images_blob ON images (blob_sha256)"),
                QStringLiteral("CREATE INDEX images_medium ON images (medium_sha256)"),
                QStringLiteral("CREATE INDEX images_thumb ON images (thumb_sha256)"),
                QStringLiteral("CREATE INDEX shop_photos_blob ON shop_photos (blob_sha256)"),
            },
        },
        db::Migration{
            7,
            QStringLiteral("articles and view events"),
            {
                // A shop's articles (info posts), synced as entity "article" (docs/articles.md). `body` is sanitized
                // HTML (xd::RichText); `cover` an image id or ''. publish_at_ms is 0 until first published; the
                // public sees a row when published = 1 and publish_at_ms <= now. view_count is kept by the view
                // recorder's flushes without a version of its own (docs/articles.md says why).
                QStringLiteral("CREATE TABLE articles ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "title TEXT NOT NULL, "
                               "cover TEXT NOT NULL DEFAULT '', "
                               "summary TEXT NOT NULL DEFAULT '', "
                               "body TEXT NOT NULL DEFAULT '', "
                               "category TEXT NOT NULL DEFAULT '', "
                               "published SMALLINT NOT NULL DEFAULT 0 CHECK (published IN (0, 1)), "
                               "publish_at_ms BIGINT NOT NULL DEFAULT 0 CHECK (publish_at_ms >= 0), "
                               "view_count BIGINT NOT NULL DEFAULT 0 CHECK (view_count >= 0), "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX articles_shop_version_id ON articles (shop_id, version, id)"),
                // The mini-program's list, newest first, of the whole shop or one category label: partial, so drafts
                // and tombstones cost nothing; scheduled rows sit at the top of the range and "publish_at_ms <= now"
                // starts the walk below them.
                QStringLiteral("CREATE INDEX articles_public ON articles (shop_id, publish_at_ms, id) "
                               "WHERE deleted = 0 AND published = 1"),
                QStringLiteral(
                    "CREATE INDEX articles_public_category ON articles (shop_id, category, publish_at_ms, id) "
                    "WHERE deleted = 0 AND published = 1"),
                // The merchant's list (drafts too), newest first.
                QStringLiteral("CREATE INDEX articles_shop_created ON articles (shop_id, created_at_ms, id) "
                               "WHERE deleted = 0"),
                // Raw views for statistics (issue 6 rolls them up into daily PV/UV): written in batches by the view
                // recorder, never synced. kind: product | article | page; target: the product or article id, or the
                // page path; visitor_key: the mini-program's visitor id, or a salted hash -- never an IP address.
                // No foreign key: one event of a vanished shop must not fail the batch it is written in.
                QStringLiteral("CREATE TABLE view_events ("
                               "shop_id TEXT NOT NULL, "
                               "kind TEXT NOT NULL CHECK (kind IN ('product', 'article', 'page')), "
                               "target TEXT NOT NULL, "
                               "visitor_key TEXT NOT NULL, "
                               "at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX view_events_shop_at ON view_events (shop_id, at_ms)"),
            },
        },
    };
}

} // namespace xd::server
