#include "xiaodian/Clock.h"

namespace xd {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace xd
