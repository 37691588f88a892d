#pragma once

#include <QDateTime>
#include <QtGlobal>

namespace xd {

// The source of "now" for everything that stores or compares times. Storage keeps UTC epoch milliseconds.
// Code takes a `const Clock&` so that tests can drive time with ManualClock (order timers, expiries).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    QDateTime nowUtc() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

// A clock that only moves when told to. Not thread-safe: tests drive it from one thread.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 0) : m_nowMs(startMs) {}
    qint64 nowMs() const override { return m_nowMs; }
    void setNowMs(qint64 ms) { m_nowMs = ms; }
    void advanceMs(qint64 ms) { m_nowMs += ms; }

private:
    qint64 m_nowMs;
};

} // namespace xd
