#pragma once

#include "xiaodian/Error.h"

#include <type_traits>
#include <utility>
#include <variant>

namespace xd {

// Expected-style result used across module boundaries instead of exceptions:
//   Result<Money> r = Money::parse(text);
//   if (!r) return r.error();
//   use(*r);
// A Result is either a value or an Error; reading the wrong side is a programming error (asserted).
template <typename T> class [[nodiscard]] Result
{
public:
    Result(const T& value) : m_state(value) {}
    Result(T&& value) : m_state(std::move(value)) {}
    Result(const Error& error) : m_state(error) {}
    Result(Error&& error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T& value() const&
    {
        Q_ASSERT(ok());
        return std::get<T>(m_state);
    }
    T& value() &
    {
        Q_ASSERT(ok());
        return std::get<T>(m_state);
    }
    T&& value() &&
    {
        Q_ASSERT(ok());
        return std::get<T>(std::move(m_state));
    }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    template <typename U> T valueOr(U&& fallback) const
    {
        return ok() ? std::get<T>(m_state) : static_cast<T>(std::forward<U>(fallback));
    }

    const Error& error() const
    {
        Q_ASSERT(!ok());
        return std::get<Error>(m_state);
    }

private:
    std::variant<T, Error> m_state;
};

// Result of an operation that yields nothing but may fail.
template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error& error) : m_error(error), m_failed(true) {}
    Result(Error&& error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const
    {
        Q_ASSERT(m_failed);
        return m_error;
    }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, const QString& message)
{
    return Error{code, message};
}

} // namespace xd
