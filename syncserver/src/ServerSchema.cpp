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
                // Not synced: desktops get the id and URLs from the upload's answer. Each size is a blob: the original,
                // the detail page's picture (≤ 750 px) and the list thumbnail (≤ 240 px); a picture no larger than a
                // size is its own rendition.
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
        db::Migration{
            8,
            QStringLiteral("customers, sessions, addresses, shop WeChat credentials"),
            {
                // A mini-program customer of one shop, known by the openid WeChat gives for the shop's AppID. The
                // same person in two shops is two customers (each shop has its own mini-program). phone is set only
                // by SMS verification (docs/customers.md). version/deleted: ready for the members module's sync.
                QStringLiteral("CREATE TABLE customers ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "openid TEXT NOT NULL, "
                               "unionid TEXT NOT NULL DEFAULT '', "
                               "nickname TEXT NOT NULL DEFAULT '', "
                               "avatar TEXT NOT NULL DEFAULT '', "
                               "phone TEXT NOT NULL DEFAULT '', "
                               "phone_verified_at_ms BIGINT NOT NULL DEFAULT 0, "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL, "
                               "UNIQUE (shop_id, openid))"),
                QStringLiteral("CREATE INDEX customers_shop_version ON customers (shop_id, version, id)"),
                QStringLiteral("CREATE INDEX customers_shop_phone ON customers (shop_id, phone) WHERE phone <> ''"),
                // A customer's bearer token: only its SHA-256 (hex) is stored, like staff sessions. The WeChat
                // session_key is never stored (we do not decrypt wx data; phones are verified by SMS).
                QStringLiteral("CREATE TABLE customer_sessions ("
                               "token_sha256 TEXT PRIMARY KEY, "
                               "customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "created_at_ms BIGINT NOT NULL, "
                               "expires_at_ms BIGINT NOT NULL, "
                               "last_seen_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX customer_sessions_customer ON customer_sessions (customer_id)"),
                QStringLiteral("CREATE INDEX customer_sessions_expires ON customer_sessions (expires_at_ms)"),
                // Delivery addresses. region: province/city/district as the mini-program's region picker gives them.
                QStringLiteral("CREATE TABLE customer_addresses ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE, "
                               "recipient TEXT NOT NULL, "
                               "phone TEXT NOT NULL, "
                               "province TEXT NOT NULL DEFAULT '', "
                               "city TEXT NOT NULL DEFAULT '', "
                               "district TEXT NOT NULL DEFAULT '', "
                               "detail TEXT NOT NULL, "
                               "is_default SMALLINT NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral(
                    "CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id, created_at_ms)"),
                // At most one default address per customer, enforced by the database.
                QStringLiteral("CREATE UNIQUE INDEX customer_addresses_one_default ON customer_addresses (customer_id) "
                               "WHERE is_default = 1"),
                // The shop's WeChat mini-program and WeChat Pay credentials. Never synced, never returned by any
                // API (write-only); set by the owner (REST) or the operator (CLI). Empty text: not configured.
                QStringLiteral("CREATE TABLE shop_wechat ("
                               "shop_id TEXT PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE, "
                               "app_id TEXT NOT NULL DEFAULT '', "
                               "app_secret TEXT NOT NULL DEFAULT '', "
                               "mch_id TEXT NOT NULL DEFAULT '', "
                               "mch_serial_no TEXT NOT NULL DEFAULT '', "
                               "mch_private_key_pem TEXT NOT NULL DEFAULT '', "
                               "apiv3_key TEXT NOT NULL DEFAULT '', "
                               "platform_serial_no TEXT NOT NULL DEFAULT '', "
                               "platform_public_key_pem TEXT NOT NULL DEFAULT '', "
                               "updated_at_ms BIGINT NOT NULL)"),
            },
        },
        db::Migration{
            9,
            QStringLiteral("sms verification codes"),
            {
                // One SMS verification code (docs/customers.md, "SMS"): for one purpose (bind_phone), one phone and
                // the customer who asked (customer_id; '' reserved for purposes without one). Only a SHA-256 of
                // id + code is kept. state: pending (handed to the provider) | sent | used | dead (the provider
                // failed, too many wrong tries, or a newer code replaced it). A code is accepted while pending or
                // sent, before expires_at_ms, with attempts < the limit; every try counts, atomically.
                QStringLiteral("CREATE TABLE sms_codes ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "customer_id TEXT NOT NULL DEFAULT '', "
                               "phone TEXT NOT NULL, "
                               "purpose TEXT NOT NULL CHECK (purpose IN ('bind_phone')), "
                               "code_sha256 TEXT NOT NULL, "
                               "state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'used', 'dead')), "
                               "attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0), "
                               "created_at_ms BIGINT NOT NULL, "
                               "expires_at_ms BIGINT NOT NULL, "
                               "used_at_ms BIGINT NOT NULL DEFAULT 0)"),
                QStringLiteral("CREATE INDEX sms_codes_subject ON sms_codes (shop_id, phone, purpose, customer_id, "
                               "created_at_ms)"),
                QStringLiteral("CREATE INDEX sms_codes_expires ON sms_codes (expires_at_ms)"),
                // Every SMS handed to the provider: the trail, and what the rate limits count (verification codes
                // only, across all shops, so that several servers agree). kind: verification_code |
                // merchant_new_order | customer_paid | customer_shipped. client_ip: the asking client's address for
                // verification codes ('' for notices). outcome: pending | sent | failed; error: the provider's
                // answer when it failed. order_id: the order a notice is about ('' for codes).
                QStringLiteral("CREATE TABLE sms_sends ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "phone TEXT NOT NULL, "
                               "client_ip TEXT NOT NULL DEFAULT '', "
                               "kind TEXT NOT NULL CHECK (kind IN ('verification_code', 'merchant_new_order', "
                               "'customer_paid', 'customer_shipped')), "
                               "order_id TEXT NOT NULL DEFAULT '', "
                               "template_code TEXT NOT NULL DEFAULT '', "
                               "provider TEXT NOT NULL, "
                               "provider_request_id TEXT NOT NULL DEFAULT '', "
                               "outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'sent', 'failed')), "
                               "error TEXT NOT NULL DEFAULT '', "
                               "at_ms BIGINT NOT NULL, "
                               "finished_at_ms BIGINT NOT NULL DEFAULT 0)"),
                // The rate limits' counts: per phone (60 s, 24 h) and per client address (1 h), codes only.
                QStringLiteral("CREATE INDEX sms_sends_code_phone ON sms_sends (phone, at_ms) "
                               "WHERE kind = 'verification_code'"),
                QStringLiteral("CREATE INDEX sms_sends_code_ip ON sms_sends (client_ip, at_ms) "
                               "WHERE kind = 'verification_code'"),
                QStringLiteral("CREATE INDEX sms_sends_shop_at ON sms_sends (shop_id, at_ms)"),
            },
        },
        db::Migration{
            10,
            QStringLiteral("orders"),
            {
                // The shop's ordering rules, one row per shop (absent: the defaults below), synced as entity
                // "order_settings" (id = shop id). custom_fields: the JSON array of field definitions shown at
                // checkout (docs/orders.md). Timers: minutes before an unpaid order closes, days before a shipped
                // delivery completes, days after completion a refund may still be requested.
                QStringLiteral("CREATE TABLE order_settings ("
                               "shop_id TEXT PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE, "
                               "delivery_enabled SMALLINT NOT NULL DEFAULT 1 CHECK (delivery_enabled IN (0, 1)), "
                               "pickup_enabled SMALLINT NOT NULL DEFAULT 0 CHECK (pickup_enabled IN (0, 1)), "
                               "in_store_enabled SMALLINT NOT NULL DEFAULT 0 CHECK (in_store_enabled IN (0, 1)), "
                               "cod_enabled SMALLINT NOT NULL DEFAULT 0 CHECK (cod_enabled IN (0, 1)), "
                               "delivery_fee_fen BIGINT NOT NULL DEFAULT 0 CHECK (delivery_fee_fen >= 0), "
                               "free_delivery_threshold_fen BIGINT NOT NULL DEFAULT 0 "
                               "CHECK (free_delivery_threshold_fen >= 0), "
                               "pickup_address TEXT NOT NULL DEFAULT '', "
                               "close_unpaid_minutes INTEGER NOT NULL DEFAULT 30 CHECK (close_unpaid_minutes > 0), "
                               "auto_complete_days INTEGER NOT NULL DEFAULT 7 CHECK (auto_complete_days > 0), "
                               "after_sales_days INTEGER NOT NULL DEFAULT 7 CHECK (after_sales_days >= 0), "
                               "custom_fields TEXT NOT NULL DEFAULT '[]', "
                               "sms_merchant_new_order SMALLINT NOT NULL DEFAULT 0 "
                               "CHECK (sms_merchant_new_order IN (0, 1)), "
                               "merchant_phone TEXT NOT NULL DEFAULT '', "
                               "sms_customer_paid SMALLINT NOT NULL DEFAULT 0 CHECK (sms_customer_paid IN (0, 1)), "
                               "sms_customer_shipped SMALLINT NOT NULL DEFAULT 0 "
                               "CHECK (sms_customer_shipped IN (0, 1)), "
                               "version BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                // One order. Money is fen: payable = goods - discount + delivery_fee; paid_fen is what the shop
                // received (0 until paid or collected); refunded_fen what it paid back (partial refunds add up,
                // never past paid_fen). payment_method: wechat_pay | balance | cash_on_delivery (the state machine
                // sees "online" for the first two). The contact, address, custom field answers and item names are
                // snapshots taken at checkout: later edits of the catalog or address book never rewrite an order.
                // number: human readable, unique per shop (yyMMdd of the shop's day + a 4-digit daily sequence).
                // client_request_id: the mini-program's idempotency key for placing (UNIQUE per customer).
                // state_before_refund: where the order stood when its open refund request was made (else '').
                // Timer columns: close_at_ms (pending_payment), auto_complete_at_ms (shipped delivery); 0 = none.
                QStringLiteral(
                    "CREATE TABLE orders ("
                    "id TEXT PRIMARY KEY, "
                    "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                    "number TEXT NOT NULL, "
                    "customer_id TEXT NOT NULL REFERENCES customers(id), "
                    "client_request_id TEXT NOT NULL, "
                    "state TEXT NOT NULL, "
                    "fulfilment TEXT NOT NULL CHECK (fulfilment IN ('delivery', 'pickup', 'in_store')), "
                    "payment_method TEXT NOT NULL "
                    "CHECK (payment_method IN ('wechat_pay', 'balance', 'cash_on_delivery')), "
                    "goods_fen BIGINT NOT NULL CHECK (goods_fen >= 0), "
                    "discount_fen BIGINT NOT NULL DEFAULT 0 CHECK (discount_fen >= 0), "
                    "delivery_fee_fen BIGINT NOT NULL DEFAULT 0 CHECK (delivery_fee_fen >= 0), "
                    "payable_fen BIGINT NOT NULL CHECK (payable_fen >= 0), "
                    "paid_fen BIGINT NOT NULL DEFAULT 0 CHECK (paid_fen >= 0), "
                    "refunded_fen BIGINT NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= paid_fen), "
                    "customer_nickname TEXT NOT NULL DEFAULT '', "
                    "contact_name TEXT NOT NULL DEFAULT '', "
                    "contact_phone TEXT NOT NULL DEFAULT '', "
                    "address TEXT NOT NULL DEFAULT '', "
                    "pickup_code TEXT NOT NULL DEFAULT '', "
                    "appointment_at_ms BIGINT NOT NULL DEFAULT 0, "
                    "buyer_note TEXT NOT NULL DEFAULT '', "
                    "merchant_remark TEXT NOT NULL DEFAULT '', "
                    "custom_fields TEXT NOT NULL DEFAULT '[]', "
                    "carrier TEXT NOT NULL DEFAULT '', "
                    "tracking_no TEXT NOT NULL DEFAULT '', "
                    "state_before_refund TEXT NOT NULL DEFAULT '', "
                    "refund_reason TEXT NOT NULL DEFAULT '', "
                    "placed_at_ms BIGINT NOT NULL, "
                    "paid_at_ms BIGINT NOT NULL DEFAULT 0, "
                    "completed_at_ms BIGINT NOT NULL DEFAULT 0, "
                    "close_at_ms BIGINT NOT NULL DEFAULT 0, "
                    "auto_complete_at_ms BIGINT NOT NULL DEFAULT 0, "
                    "version BIGINT NOT NULL, "
                    "updated_at_ms BIGINT NOT NULL, "
                    "UNIQUE (shop_id, number), "
                    "UNIQUE (shop_id, customer_id, client_request_id))"),
                QStringLiteral("CREATE INDEX orders_shop_version ON orders (shop_id, version, id)"),
                QStringLiteral("CREATE INDEX orders_customer ON orders (customer_id, placed_at_ms, id)"),
                QStringLiteral("CREATE INDEX orders_shop_placed ON orders (shop_id, placed_at_ms, id)"),
                // The timer job's two walks, partial so they stay small.
                QStringLiteral("CREATE INDEX orders_close_due ON orders (close_at_ms) "
                               "WHERE state = 'pending_payment'"),
                QStringLiteral("CREATE INDEX orders_complete_due ON orders (auto_complete_at_ms) "
                               "WHERE state = 'shipped'"),
                // The lines, snapshots of the catalog at checkout. discount_fen: this line's share of the order's
                // discount (largest remainder, xd::Pricing). refunded_quantity: pieces paid back by partial refunds.
                QStringLiteral("CREATE TABLE order_items ("
                               "id TEXT PRIMARY KEY, "
                               "order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
                               "shop_id TEXT NOT NULL, "
                               "position INTEGER NOT NULL, "
                               "product_id TEXT NOT NULL, "
                               "sku_id TEXT NOT NULL, "
                               "product_name TEXT NOT NULL, "
                               "sku_label TEXT NOT NULL DEFAULT '', "
                               "image TEXT NOT NULL DEFAULT '', "
                               "unit_price_fen BIGINT NOT NULL CHECK (unit_price_fen >= 0), "
                               "quantity INTEGER NOT NULL CHECK (quantity > 0), "
                               "line_total_fen BIGINT NOT NULL CHECK (line_total_fen >= 0), "
                               "discount_fen BIGINT NOT NULL DEFAULT 0 CHECK (discount_fen >= 0), "
                               "refunded_quantity INTEGER NOT NULL DEFAULT 0 CHECK (refunded_quantity >= 0), "
                               "UNIQUE (order_id, position))"),
                QStringLiteral("CREATE INDEX order_items_sku ON order_items (sku_id)"),
                // Append-only history: every transition (and remark, partial refund, payment anomaly) of an order.
                // Rows are inserted, never updated or deleted (no code path does; docs/orders.md). seq counts from 1
                // per order. actor_kind: customer | staff | system | payment; actor_id: the customer or staff id, ''
                // for the timer and WeChat Pay. amount_fen: money moved by this step (payment, refund), else 0.
                QStringLiteral(
                    "CREATE TABLE order_events ("
                    "id TEXT PRIMARY KEY, "
                    "order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
                    "shop_id TEXT NOT NULL, "
                    "seq INTEGER NOT NULL, "
                    "action TEXT NOT NULL, "
                    "from_state TEXT NOT NULL, "
                    "to_state TEXT NOT NULL, "
                    "actor_kind TEXT NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'system', 'payment')), "
                    "actor_id TEXT NOT NULL DEFAULT '', "
                    "note TEXT NOT NULL DEFAULT '', "
                    "amount_fen BIGINT NOT NULL DEFAULT 0, "
                    "at_ms BIGINT NOT NULL, "
                    "UNIQUE (order_id, seq))"),
                // Human-readable order numbers: the last sequence used per shop and local day ("261125").
                QStringLiteral("CREATE TABLE order_number_counters ("
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "day TEXT NOT NULL, "
                               "last_seq INTEGER NOT NULL, "
                               "PRIMARY KEY (shop_id, day))"),
                // A customer's cart, kept whole on the server (GET/PUT me/cart): items is the JSON array
                // [{skuId, quantity}] of live SKUs of the shop when it was saved (at most 100 lines, one per SKU).
                QStringLiteral("CREATE TABLE carts ("
                               "customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "items TEXT NOT NULL DEFAULT '[]', "
                               "updated_at_ms BIGINT NOT NULL)"),
            },
        },
        db::Migration{
            11,
            QStringLiteral("payments and refunds"),
            {
                // One attempt to take an order's money through WeChat Pay (JSAPI), docs/payments.md. out_trade_no is
                // ours (32 hex characters, the idempotency key WeChat knows the attempt by); transaction_id is
                // WeChat's, set when it reports success, UNIQUE when set so a repeated notification cannot count
                // twice. state: created (prepay made, not paid) | succeeded (WeChat has the money) | closed (closed
                // at WeChat, no money) | failed. applied = 1: this payment moved the order to paid (at most one per
                // order); a succeeded payment with applied = 0 is money we did not accept (anomaly, refunded).
                // app_id/mch_id/payer_openid: as sent to WeChat, checked against the notification. prepay_id stays
                // valid for 2 hours at WeChat (prepay_expires_at_ms: reuse it until a little before). The query job
                // walks created rows by next_query_at_ms (backing off by query_attempts).
                QStringLiteral("CREATE TABLE payments ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
                               "out_trade_no TEXT NOT NULL UNIQUE, "
                               "transaction_id TEXT NOT NULL DEFAULT '', "
                               "app_id TEXT NOT NULL, "
                               "mch_id TEXT NOT NULL, "
                               "payer_openid TEXT NOT NULL, "
                               "amount_fen BIGINT NOT NULL CHECK (amount_fen > 0), "
                               "state TEXT NOT NULL CHECK (state IN ('created', 'succeeded', 'closed', 'failed')), "
                               "applied SMALLINT NOT NULL DEFAULT 0 CHECK (applied IN (0, 1)), "
                               "prepay_id TEXT NOT NULL DEFAULT '', "
                               "prepay_expires_at_ms BIGINT NOT NULL DEFAULT 0, "
                               "next_query_at_ms BIGINT NOT NULL DEFAULT 0, "
                               "query_attempts INTEGER NOT NULL DEFAULT 0, "
                               "last_error TEXT NOT NULL DEFAULT '', "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL, "
                               "succeeded_at_ms BIGINT NOT NULL DEFAULT 0)"),
                QStringLiteral("CREATE UNIQUE INDEX payments_transaction ON payments (transaction_id) "
                               "WHERE transaction_id <> ''"),
                // At most one open attempt and at most one accepted payment per order, enforced by the database.
                QStringLiteral("CREATE UNIQUE INDEX payments_one_open ON payments (order_id) WHERE state = 'created'"),
                QStringLiteral("CREATE UNIQUE INDEX payments_one_applied ON payments (order_id) WHERE applied = 1"),
                QStringLiteral("CREATE INDEX payments_order ON payments (order_id, created_at_ms)"),
                QStringLiteral(
                    "CREATE INDEX payments_query_due ON payments (next_query_at_ms) WHERE state = 'created'"),
                // Money paid back. method: wechat_pay (sent by the refund dispatcher, against payment_id) |
                // cash_on_delivery (paid back by hand: state manual, payment_id ''). out_refund_no is ours (the
                // idempotency key at WeChat: resending the same number never refunds twice); refund_id is WeChat's,
                // UNIQUE when set. state: pending (to send) | processing (WeChat accepted it) | succeeded | failed
                // | manual. requested_by: staff id, "customer:<id>" or "system". The dispatcher walks pending and
                // processing rows by next_attempt_at_ms (backing off by attempts on transport failures).
                QStringLiteral("CREATE TABLE refunds ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
                               "payment_id TEXT NOT NULL DEFAULT '', "
                               "method TEXT NOT NULL CHECK (method IN ('wechat_pay', 'cash_on_delivery')), "
                               "out_refund_no TEXT NOT NULL UNIQUE, "
                               "refund_id TEXT NOT NULL DEFAULT '', "
                               "amount_fen BIGINT NOT NULL CHECK (amount_fen > 0), "
                               "reason TEXT NOT NULL DEFAULT '', "
                               "state TEXT NOT NULL "
                               "CHECK (state IN ('pending', 'processing', 'succeeded', 'failed', 'manual')), "
                               "requested_by TEXT NOT NULL, "
                               "attempts INTEGER NOT NULL DEFAULT 0, "
                               "next_attempt_at_ms BIGINT NOT NULL DEFAULT 0, "
                               "last_error TEXT NOT NULL DEFAULT '', "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL, "
                               "succeeded_at_ms BIGINT NOT NULL DEFAULT 0)"),
                QStringLiteral("CREATE UNIQUE INDEX refunds_refund_id ON refunds (refund_id) WHERE refund_id <> ''"),
                QStringLiteral("CREATE INDEX refunds_order ON refunds (order_id, created_at_ms)"),
                QStringLiteral("CREATE INDEX refunds_due ON refunds (next_attempt_at_ms) "
                               "WHERE state IN ('pending', 'processing')"),
                // What WeChat Pay told us that we did not accept: amount_mismatch, paid_after_close, refund_failed,
                // ... (docs/payments.md). detail: JSON (amounts, transaction id; never keys). dedupe_key makes a
                // repeated notification record its anomaly once. Append-only.
                QStringLiteral("CREATE TABLE payment_anomalies ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "order_id TEXT NOT NULL, "
                               "kind TEXT NOT NULL, "
                               "detail TEXT NOT NULL DEFAULT '{}', "
                               "dedupe_key TEXT NOT NULL UNIQUE, "
                               "at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX payment_anomalies_shop_at ON payment_anomalies (shop_id, at_ms)"),
            },
        },
        db::Migration{
            12,
            QStringLiteral("reviews"),
            {
                // One review per order line (docs/reviews.md), written by the customer once the order is completed;
                // UNIQUE (order_item_id) makes "once" a database fact. product_id, product_name, sku_label and the
                // customer's nickname/avatar are snapshots taken when the review is written. images: a JSON list of
                // at most 9 image ids, each an upload of this customer (customer_images). reply: the merchant's
                // answer ('' = none). hidden: taken off the public list and the product's rating by the merchant.
                // Synced as entity "review"; deleted stays 0 until a module needs to remove reviews.
                QStringLiteral("CREATE TABLE reviews ("
                               "id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE, "
                               "order_item_id TEXT NOT NULL UNIQUE REFERENCES order_items(id) ON DELETE CASCADE, "
                               "product_id TEXT NOT NULL, "
                               "product_name TEXT NOT NULL DEFAULT '', "
                               "sku_label TEXT NOT NULL DEFAULT '', "
                               "customer_id TEXT NOT NULL REFERENCES customers(id), "
                               "customer_nickname TEXT NOT NULL DEFAULT '', "
                               "customer_avatar TEXT NOT NULL DEFAULT '', "
                               "rating SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5), "
                               "text TEXT NOT NULL DEFAULT '', "
                               "images TEXT NOT NULL DEFAULT '[]', "
                               "reply TEXT NOT NULL DEFAULT '', "
                               "replied_at_ms BIGINT NOT NULL DEFAULT 0, "
                               "replied_by TEXT, "
                               "hidden SMALLINT NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)), "
                               "version BIGINT NOT NULL, "
                               "deleted SMALLINT NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                               "created_at_ms BIGINT NOT NULL, "
                               "updated_at_ms BIGINT NOT NULL)"),
                QStringLiteral("CREATE INDEX reviews_shop_version_id ON reviews (shop_id, version, id)"),
                // The product page's list: visible reviews, newest first (partial, so hidden rows cost nothing).
                QStringLiteral(
                    "CREATE INDEX reviews_product_visible ON reviews (shop_id, product_id, created_at_ms, id) "
                    "WHERE deleted = 0 AND hidden = 0"),
                // The merchant's list, newest first; and "is this order reviewed yet".
                QStringLiteral("CREATE INDEX reviews_shop_created ON reviews (shop_id, created_at_ms, id) "
                               "WHERE deleted = 0"),
                QStringLiteral("CREATE INDEX reviews_order ON reviews (order_id)"),
                // A product's rating over its visible reviews, kept in the same transaction as every review write
                // (post, hide, show), so the product page reads one row: count, sum and the count per star.
                // The average is derived in integers (averageTenths, docs/reviews.md), never stored as a float.
                QStringLiteral("CREATE TABLE product_ratings ("
                               "product_id TEXT PRIMARY KEY, "
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "review_count BIGINT NOT NULL DEFAULT 0 CHECK (review_count >= 0), "
                               "rating_sum BIGINT NOT NULL DEFAULT 0 CHECK (rating_sum >= 0), "
                               "star1 BIGINT NOT NULL DEFAULT 0 CHECK (star1 >= 0), "
                               "star2 BIGINT NOT NULL DEFAULT 0 CHECK (star2 >= 0), "
                               "star3 BIGINT NOT NULL DEFAULT 0 CHECK (star3 >= 0), "
                               "star4 BIGINT NOT NULL DEFAULT 0 CHECK (star4 >= 0), "
                               "star5 BIGINT NOT NULL DEFAULT 0 CHECK (star5 >= 0))"),
                // Which customer uploaded which image (POST /api/v1/shops/{shopId}/me/images): a review may show
                // only its author's uploads; created_at_ms counts the daily upload limit. The image row itself is
                // an ordinary shop image (ImageStore); `images gc` removing it removes this link too.
                QStringLiteral("CREATE TABLE customer_images ("
                               "customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE, "
                               "image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE, "
                               "shop_id TEXT NOT NULL, "
                               "created_at_ms BIGINT NOT NULL, "
                               "PRIMARY KEY (customer_id, image_id))"),
                QStringLiteral("CREATE INDEX customer_images_recent ON customer_images (customer_id, created_at_ms)"),
            },
        },
        db::Migration{
            13,
            QStringLiteral("statistics rollups"),
            {
                // Daily figures per shop (docs/statistics.md). day: the shop's local calendar day as yyyymmdd (its
                // time_zone; a day runs from local midnight to midnight). Kept current in the transaction of every
                // order placed, paid (WeChat Pay, collected cash), refunded; PV/UV by the view recorder's flushes.
                // `syncserver stats rebuild` recomputes them from orders, order_events, order_items and
                // view_events. Synced as entity stats_day (id "yyyy-MM-dd"); rows are never deleted (a rebuild
                // zeroes a day that no longer has figures). buyers / payers: distinct customers who placed / paid
                // that day (stats_day_customers); uv: distinct visitors (stats_day_visitors). Money in fen; gross
                // is money received, refund money paid back, each split by payment method.
                QStringLiteral("CREATE TABLE stats_days ("
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "day INTEGER NOT NULL, "
                               "orders_placed BIGINT NOT NULL DEFAULT 0, "
                               "buyers BIGINT NOT NULL DEFAULT 0, "
                               "paid_orders BIGINT NOT NULL DEFAULT 0, "
                               "payers BIGINT NOT NULL DEFAULT 0, "
                               "gross_fen BIGINT NOT NULL DEFAULT 0, "
                               "refund_fen BIGINT NOT NULL DEFAULT 0, "
                               "refund_count BIGINT NOT NULL DEFAULT 0, "
                               "gross_wechat_fen BIGINT NOT NULL DEFAULT 0, "
                               "gross_cod_fen BIGINT NOT NULL DEFAULT 0, "
                               "gross_balance_fen BIGINT NOT NULL DEFAULT 0, "
                               "refund_wechat_fen BIGINT NOT NULL DEFAULT 0, "
                               "refund_cod_fen BIGINT NOT NULL DEFAULT 0, "
                               "refund_balance_fen BIGINT NOT NULL DEFAULT 0, "
                               "recharge_fen BIGINT NOT NULL DEFAULT 0, "
                               "pv BIGINT NOT NULL DEFAULT 0, "
                               "uv BIGINT NOT NULL DEFAULT 0, "
                               "version BIGINT NOT NULL, "
                               "PRIMARY KEY (shop_id, day))"),
                QStringLiteral("CREATE INDEX stats_days_shop_version ON stats_days (shop_id, version, day)"),
                // What each product sold per day: the lines of orders paid that day (quantity, line totals after
                // line discounts), by the product's name at the time. Synced as entity stats_product_day (id
                // "yyyy-MM-dd:<productId>").
                QStringLiteral("CREATE TABLE stats_product_days ("
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "day INTEGER NOT NULL, "
                               "product_id TEXT NOT NULL, "
                               "product_name TEXT NOT NULL DEFAULT '', "
                               "quantity BIGINT NOT NULL DEFAULT 0, "
                               "revenue_fen BIGINT NOT NULL DEFAULT 0, "
                               "version BIGINT NOT NULL, "
                               "PRIMARY KEY (shop_id, day, product_id))"),
                QStringLiteral("CREATE INDEX stats_product_days_shop_version "
                               "ON stats_product_days (shop_id, version, day, product_id)"),
                // The report's products over a period (StatsReader): SUM … GROUP BY product_id read in product order
                // from this covering index, with no sort -- SQLite sorting a year's 180,000 product-days for the
                // GROUP BY took three times as long as reading them (docs/statistics.md).
                QStringLiteral("CREATE INDEX stats_product_days_shop_product "
                               "ON stats_product_days (shop_id, product_id, day, quantity, revenue_fen)"),
                // Who counted once for a day: a customer as buyer (placed) and as payer (paid), a visitor for UV.
                QStringLiteral("CREATE TABLE stats_day_customers ("
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "day INTEGER NOT NULL, "
                               "customer_id TEXT NOT NULL, "
                               "placed SMALLINT NOT NULL DEFAULT 0 CHECK (placed IN (0, 1)), "
                               "paid SMALLINT NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)), "
                               "PRIMARY KEY (shop_id, day, customer_id))"),
                QStringLiteral("CREATE TABLE stats_day_visitors ("
                               "shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE, "
                               "day INTEGER NOT NULL, "
                               "visitor_key TEXT NOT NULL, "
                               "PRIMARY KEY (shop_id, day, visitor_key))"),
                // The rebuild reads a shop's money events by time.
                QStringLiteral("CREATE INDEX order_events_shop_at ON order_events (shop_id, at_ms)"),
                // Server-wide secrets several server processes share (the view recorder's visitor salt), created
                // on first use. Never synced, never logged.
                QStringLiteral("CREATE TABLE server_secrets ("
                               "name TEXT PRIMARY KEY, "
                               "value TEXT NOT NULL, "
                               "created_at_ms BIGINT NOT NULL)"),
            },
        },
    };
}

} // namespace xd::server
