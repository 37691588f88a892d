#pragma once

#include "CacheDatabase.h"
#include "CacheStore.h"
#include "xiaodian/Clock.h"

#include <QTemporaryDir>

#include <memory>

namespace xd::test {

// A real SQLCipher cache in a temporary folder, with its store; close() and open() again to prove durability.
struct TestCache
{
    QTemporaryDir dir;
    QByteArray key = CacheDatabase::generateKey();
    SystemClock clock;
    std::unique_ptr<CacheDatabase> database;
    std::unique_ptr<CacheStore> store;

    QString path() const { return dir.filePath(QStringLiteral("cache.db")); }

    Status open()
    {
        database = std::make_unique<CacheDatabase>();
        if (const Status opened = database->open(path(), key); !opened)
            return opened;
        store = std::make_unique<CacheStore>(*database, clock);
        return store->initialize();
    }

    void close()
    {
        store.reset();
        database.reset();
    }
};

} // namespace xd::test
