#pragma once

#include "StatsService.h"
#include "TestCache.h"
#include "xiaodian/Clock.h"
#include "xiaodian/sync/Protocol.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

// What the finance, statistics and dashboard page tests share: a fresh encrypted cache per test function, a manual
// clock, the StatsService the pages read, and pulls of rows through the real CacheStore::applyPullPage. Header only.
namespace xd::test {

class StatsPageFixture
{
protected:
    explicit StatsPageFixture(qint64 nowMs) : m_now(nowMs), m_clock(nowMs) {}

    // For initTestCase(): the settings and paths of a test application; English, the source language.
    static void prepareApplication(const QString& name)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
        QCoreApplication::setApplicationName(name);
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    // For init(): English again (a LanguageManager may have moved it), the clock back at its start, a new cache and
    // its StatsService; false when the cache does not open.
    bool openCache()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_clock.setNowMs(m_now);
        m_version = 0;
        m_cache = std::make_unique<TestCache>();
        if (!m_cache->open())
            return false;
        m_stats = std::make_unique<StatsService>(*m_cache->store, m_clock);
        return true;
    }

    // For cleanup(), after the page is gone.
    void closeCache()
    {
        m_stats.reset();
        m_cache.reset();
    }

    // One pull page of `rows`, each pull at the next version.
    Status pull(const QList<sync::SyncRow>& rows)
    {
        ++m_version;
        return m_cache->store->applyPullPage(rows, QStringLiteral("t.%1").arg(m_version), m_version, false);
    }

    const qint64 m_now;
    ManualClock m_clock;
    std::unique_ptr<TestCache> m_cache;
    std::unique_ptr<StatsService> m_stats;
    qint64 m_version = 0;
};

} // namespace xd::test
